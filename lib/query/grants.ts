import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { grantList, grantView } from "../validation/grant";
import type { serviceAccountList, teamList } from "../validation/team";
import type { userList } from "../validation/user";
import { api, queryKeys, seg, useChange, usePagedList, withQuery } from "./api";

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

/**
 * Names to offer in a grant's subject field as the person types: users by search (admins), the
 * teams and service accounts the caller may see. A list the caller may not read offers nothing.
 */
export function useSubjectSuggestions(type: string, text: string) {
  return useQuery({
    queryKey: ["subject-suggestions", type, text],
    enabled: text.length > 0 && (type === "user" || type === "team" || type === "service-account"),
    staleTime: 30_000,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<{ name: string; hint: string | null }[]> => {
      const has = (name: string) => name.toLowerCase().includes(text.toLowerCase());
      if (type === "user") {
        const r = await api<z.input<typeof userList>>(withQuery("/api/v1/users", { search: text, limit: 10 }));
        return r.users.map((u) => ({ name: u.username, hint: u.displayName ?? u.email ?? null }));
      }
      if (type === "team") {
        const r = await api<z.input<typeof teamList>>(withQuery("/api/v1/teams", { limit: 200 }));
        return r.teams
          .filter((t) => has(t.name))
          .slice(0, 10)
          .map((t) => ({ name: t.name, hint: t.description ?? null }));
      }
      const r = await api<z.input<typeof serviceAccountList>>(withQuery("/api/v1/service-accounts", { limit: 200 }));
      return r.serviceAccounts
        .filter((s) => has(s.name))
        .slice(0, 10)
        .map((s) => ({ name: s.name, hint: s.team ? `team ${s.team.name}` : null }));
    },
  });
}
