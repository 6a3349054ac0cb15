import { useQuery } from "@tanstack/react-query";
import type { ReachView, RefusalsView } from "../validation/access";
import { api, queryKeys } from "./api";

/** What I may pull, push and delete, and why. */
export const useMyAccess = () =>
  useQuery({ queryKey: queryKeys.myAccess, queryFn: () => api<ReachView>("/api/v1/me/access") });

/** My own recent refusals, explained. */
export const useMyRefusals = () =>
  useQuery({ queryKey: ["me", "refusals"], queryFn: () => api<RefusalsView>("/api/v1/me/refusals?limit=20") });
