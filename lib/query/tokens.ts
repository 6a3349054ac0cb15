import type { z } from "zod";
import type { tokenList, tokenView, tokenWithSecret } from "../validation/token";
import { api, queryKeys, seg, useChange, usePagedList } from "./api";

export type TokenView = z.input<typeof tokenView>;
type Minted = z.input<typeof tokenWithSecret>;

/** Your tokens; with `all`, everyone's (admins and auditors). */
export const useTokens = (all: boolean) =>
  usePagedList<z.input<typeof tokenList>>([...queryKeys.tokens, { all }], "/api/v1/tokens", { all: all || undefined });

/** Mint a token (for yourself, or for a service account): the secret is in the answer, once. */
export const useMintToken = () =>
  useChange(
    (body: unknown) => api<Minted>("/api/v1/tokens", { method: "POST", body }),
    [queryKeys.tokens, queryKeys.serviceAccounts],
    (_v, r) => `Token ${r.name} created: copy it now, it is shown once`,
  );

export const useRevokeToken = () =>
  useChange(
    (id: string) => api<TokenView>(`/api/v1/tokens/${seg(id)}`, { method: "DELETE" }),
    [queryKeys.tokens],
    (_v, r) => `Token ${r.name} revoked`,
  );

export const useRotateToken = () =>
  useChange(
    ({ id, graceHours }: { id: string; graceHours: number }) =>
      api<Minted>(`/api/v1/tokens/${seg(id)}/rotate`, { method: "POST", body: { graceHours } }),
    [queryKeys.tokens],
    (_v, r) => `Token ${r.name} rotated: copy the new secret now`,
  );
