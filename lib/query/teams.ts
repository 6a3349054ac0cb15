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
  useChange((body: unknown) => api<TeamView>("/api/v1/teams", { method: "POST", body }), [queryKeys.teams]);

export const useChangeTeam = (name: string) =>
  useChange(
    (body: unknown) => api<TeamView>(`/api/v1/teams/${seg(name)}`, { method: "PATCH", body }),
    [queryKeys.teams],
  );

export const useDeleteTeam = () =>
  useChange((name: string) => api<TeamView>(`/api/v1/teams/${seg(name)}`, { method: "DELETE" }), [queryKeys.teams]);

type Membership = z.input<typeof membershipView>;
export const useAddMember = (team: string) =>
  useChange(
    (body: unknown) => api<Membership>(`/api/v1/teams/${seg(team)}/members`, { method: "POST", body }),
    [queryKeys.teams],
  );

export const useSetMemberRole = (team: string) =>
  useChange(
    ({ username, role }: { username: string; role: "maintainer" | "member" }) =>
      api<Membership>(`/api/v1/teams/${seg(team)}/members/${seg(username)}`, { method: "PATCH", body: { role } }),
    [queryKeys.teams],
  );

type Namespace = z.input<typeof namespaceView>;
export const useAddNamespace = (team: string) =>
  useChange(
    (body: unknown) => api<Namespace>(`/api/v1/teams/${seg(team)}/namespaces`, { method: "POST", body }),
    [queryKeys.teams],
  );

export const useRemoveNamespace = (team: string) =>
  useChange(
    (id: string) => api<Namespace>(`/api/v1/teams/${seg(team)}/namespaces/${seg(id)}`, { method: "DELETE" }),
    [queryKeys.teams],
  );

export const useRemoveMember = (team: string) =>
  useChange(
    (username: string) => api<Membership>(`/api/v1/teams/${seg(team)}/members/${seg(username)}`, { method: "DELETE" }),
    [queryKeys.teams],
  );
