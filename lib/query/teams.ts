import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { membershipView, namespaceView, teamDetail, teamList, teamView } from "../validation/team";
import { api, queryKeys, seg, useChange, usePagedList } from "./api";

export type TeamView = z.input<typeof teamView>;
export type TeamDetail = z.input<typeof teamDetail>;

export const useTeams = () => usePagedList<z.input<typeof teamList>>([...queryKeys.teams, "list"], "/api/v1/teams");

export const useTeam = (name: string) =>
  useQuery({ queryKey: queryKeys.team(name), queryFn: () => api<TeamDetail>(`/api/v1/teams/${seg(name)}`) });

export const useCreateTeam = () =>
  useChange(
    (body: unknown) => api<TeamView>("/api/v1/teams", { method: "POST", body }),
    [queryKeys.teams],
    (_v, r) => `Team ${r.name} created`,
  );

export const useChangeTeam = (name: string) =>
  useChange(
    (body: unknown) => api<TeamView>(`/api/v1/teams/${seg(name)}`, { method: "PATCH", body }),
    [queryKeys.teams],
    (_v, r) => `Team ${r.name} saved`,
  );

export const useDeleteTeam = () =>
  useChange(
    (name: string) => api<TeamView>(`/api/v1/teams/${seg(name)}`, { method: "DELETE" }),
    [queryKeys.teams],
    (name) => `Team ${name} deleted`,
  );

type Membership = z.input<typeof membershipView>;
export const useAddMember = (team: string) =>
  useChange(
    (body: unknown) => api<Membership>(`/api/v1/teams/${seg(team)}/members`, { method: "POST", body }),
    [queryKeys.teams],
    (_v, r) => `${r.username} added to ${r.team}${r.role === "maintainer" ? " as a maintainer" : ""}`,
  );

export const useSetMemberRole = (team: string) =>
  useChange(
    ({ username, role }: { username: string; role: "maintainer" | "member" }) =>
      api<Membership>(`/api/v1/teams/${seg(team)}/members/${seg(username)}`, { method: "PATCH", body: { role } }),
    [queryKeys.teams],
    (v) => `${v.username} is now a ${v.role} of ${team}`,
  );

type Namespace = z.input<typeof namespaceView>;
export const useAddNamespace = (team: string) =>
  useChange(
    (body: unknown) => api<Namespace>(`/api/v1/teams/${seg(team)}/namespaces`, { method: "POST", body }),
    [queryKeys.teams],
    (_v, r) => `${team} now runs ${r.pattern}`,
  );

export const useRemoveNamespace = (team: string) =>
  useChange(
    (id: string) => api<Namespace>(`/api/v1/teams/${seg(team)}/namespaces/${seg(id)}`, { method: "DELETE" }),
    [queryKeys.teams],
    (_v, r) => `${team} no longer runs ${r.pattern}`,
  );

export const useRemoveMember = (team: string) =>
  useChange(
    (username: string) => api<Membership>(`/api/v1/teams/${seg(team)}/members/${seg(username)}`, { method: "DELETE" }),
    [queryKeys.teams],
    (username) => `${username} removed from ${team}`,
  );
