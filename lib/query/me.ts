import { useQuery } from "@tanstack/react-query";
import type { ReachView, RefusalsView, SignedInClientsView } from "../validation/access";
import { api, queryKeys, seg, useChange } from "./api";

/** What I may pull, push and delete, and why. */
export const useMyAccess = () =>
  useQuery({ queryKey: queryKeys.myAccess, queryFn: () => api<ReachView>("/api/v1/me/access") });

/** My own recent refusals, explained. */
export const useMyRefusals = () =>
  useQuery({ queryKey: ["me", "refusals"], queryFn: () => api<RefusalsView>("/api/v1/me/refusals?limit=20") });

/** My signed-in clients, or (administrators) a person's. */
const clientsPath = (username?: string) =>
  username ? `/api/v1/users/${seg(username)}/signed-in-clients` : "/api/v1/me/signed-in-clients";
const signedInKey = (username?: string) =>
  username ? ["users", username, "signed-in-clients"] : ["me", "signed-in-clients"];

/** Where I (or `username`) am signed in with docker login or the credential helper. */
export const useSignedInClients = (username?: string) =>
  useQuery({ queryKey: signedInKey(username), queryFn: () => api<SignedInClientsView>(clientsPath(username)) });

/** Signs one registry client out, or (without an id) all of them. */
export const useSignOutClients = (username?: string) =>
  useChange(
    (id?: string) =>
      api<{ revoked: number }>(`${clientsPath(username)}${id ? `/${seg(id)}` : ""}`, { method: "DELETE" }),
    [signedInKey(username)],
    (id, r) => (id ? "Client signed out" : `Signed out ${r.revoked} client${r.revoked === 1 ? "" : "s"}`),
  );
