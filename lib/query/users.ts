import { useQuery, keepPreviousData } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  credentialsHeldView,
  createdUserView,
  revokedEverything,
  setupLinkView,
  userList,
  userView,
} from "../validation/user";
import { api, queryKeys, seg, useChange, withQuery } from "./api";

export type UserView = z.input<typeof userView>;
export type SetupLink = z.input<typeof setupLinkView>;
export type UserFilter = { search: string; role: string; status: string };

/** One page of users matching the filter; `cursor` is the previous page's nextCursor. */
export function useUsers(filter: UserFilter, cursor: string | undefined, limit: number) {
  return useQuery({
    queryKey: queryKeys.users({ ...filter, cursor, limit }),
    queryFn: () =>
      api<z.input<typeof userList>>(
        withQuery("/api/v1/users", {
          search: filter.search,
          role: filter.role,
          disabled: filter.status ? filter.status === "disabled" : undefined,
          cursor,
          limit,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export const useCreateUser = () =>
  useChange(
    (body: unknown) => api<z.input<typeof createdUserView>>("/api/v1/users", { method: "POST", body }),
    [queryKeys.allUsers],
    (_v, r) => `User ${r.username} created`,
  );

export const useChangeUser = () =>
  useChange(
    ({ username, body }: { username: string; body: unknown }) =>
      api<UserView>(`/api/v1/users/${seg(username)}`, { method: "PATCH", body }),
    [queryKeys.allUsers],
    (v, r) =>
      `${r.username} ${"disabled" in (v.body as object) ? (r.disabled ? "disabled: signed out everywhere" : "enabled") : "saved"}`,
  );

export const useDeleteUser = () =>
  useChange(
    (username: string) => api<UserView>(`/api/v1/users/${seg(username)}`, { method: "DELETE" }),
    [queryKeys.allUsers],
    (username) => `User ${username} deleted`,
  );

export const useSetupLink = (username: string) =>
  useChange(
    () => api<SetupLink>(`/api/v1/users/${seg(username)}/password-link`, { method: "POST" }),
    [],
    () => "New set-password link made: send it to them",
  );

/** What revoke-everything would take from the user. */
export const useCredentialsHeld = (username: string) =>
  useQuery({
    queryKey: ["credentials", username],
    queryFn: () => api<z.input<typeof credentialsHeldView>>(`/api/v1/users/${seg(username)}/credentials`),
  });

export const useRevokeEverything = (username: string) =>
  useChange(
    (body: unknown) =>
      api<z.input<typeof revokedEverything>>(`/api/v1/users/${seg(username)}/revoke-everything`, {
        method: "POST",
        body,
      }),
    [queryKeys.allUsers, ["credentials", username]],
    () => `Everything of ${username} revoked`,
  );
