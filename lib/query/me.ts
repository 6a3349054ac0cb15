import { useQuery } from "@tanstack/react-query";
import type { ReachView, RefusalsView, SignedInClientsView } from "../validation/access";
import { api, queryKeys, seg, useChange } from "./api";

/** What I may pull, push and delete, and why. */
export const useMyAccess = () =>
  useQuery({ queryKey: queryKeys.myAccess, queryFn: () => api<ReachView>("/api/v1/me/access") });

/** My own recent refusals, explained. */
export const useMyRefusals = () =>
  useQuery({ queryKey: ["me", "refusals"], queryFn: () => api<RefusalsView>("/api/v1/me/refusals?limit=20") });

const signedInKey = ["me", "signed-in-clients"] as const;

/** Where I am signed in with docker login. */
export const useMySignedInClients = () =>
  useQuery({ queryKey: signedInKey, queryFn: () => api<SignedInClientsView>("/api/v1/me/signed-in-clients") });

/** Signs one registry client out, or (without an id) all of them. */
export const useSignOutClients = () =>
  useChange(
    (id?: string) =>
      api<{ revoked: number }>(`/api/v1/me/signed-in-clients${id ? `/${seg(id)}` : ""}`, { method: "DELETE" }),
    [signedInKey],
  );
