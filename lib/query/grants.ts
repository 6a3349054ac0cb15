import { keepPreviousData } from "@tanstack/react-query";
import type { z } from "zod";
import type { grantList, grantView } from "../validation/grant";
import { api, queryKeys, seg, useChange, usePagedList } from "./api";

export type GrantView = z.input<typeof grantView>;

export const useGrants = (filter: { subject: string; repository: string }) =>
  usePagedList<z.input<typeof grantList>>([...queryKeys.grants, filter], "/api/v1/grants", filter, {
    placeholderData: keepPreviousData,
  });

export const useCreateGrant = () =>
  useChange(
    (body: unknown) => api<GrantView>("/api/v1/grants", { method: "POST", body }),
    [queryKeys.grants, queryKeys.teams],
    (_v, r) => `Granted ${r.actions.join(", ")} on ${r.repository}`,
  );

export const useRevokeGrant = () =>
  useChange(
    (id: string) => api<GrantView>(`/api/v1/grants/${seg(id)}`, { method: "DELETE" }),
    [queryKeys.grants, queryKeys.teams],
    (_v, r) => `Revoked ${r.actions.join(", ")} on ${r.repository}`,
  );
