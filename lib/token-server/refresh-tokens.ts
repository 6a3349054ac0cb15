import crypto from "node:crypto";
import { credentialRefusal } from "../auth/credential-state";
import { createRefreshToken, findRefreshToken } from "../db/refresh-tokens";
import type { Credential, Subject } from "../auth/credentials";
import type { TokenScopeRule } from "../registry/authorize";
import { hashToken } from "../registry/pat";
import { getSettings } from "../settings";

/**
 * OAuth2 refresh tokens for registry clients that ask for offline access: they let a long push
 * renew its bearer token. Stored hashed, bound to one service, checked against the account (and
 * the access token they came from) on every use.
 */
export async function issueRefreshToken(
  subject: Subject,
  credential: Credential,
  service: string,
  clientId?: string,
): Promise<string> {
  const secret = `pcf_${crypto.randomBytes(32).toString("base64url")}`;
  const { refreshTokenTtlDays } = await getSettings();
  const tokenId =
    credential.type === "token" ? credential.id : credential.type === "refresh_token" ? credential.tokenId : undefined;
  await createRefreshToken({
    secretHash: hashToken(secret),
    service,
    clientId: clientId?.slice(0, 200),
    expiresAt: new Date(Date.now() + refreshTokenTtlDays * 86_400_000),
    accessTokenId: tokenId,
    ...(subject.kind === "user" ? { userId: subject.id } : { serviceAccountId: subject.id }),
  });
  return secret;
}

export type RedeemResult =
  | { ok: true; subject: Subject; credential: Credential }
  | {
      ok: false;
      reason: "unknown_token" | "token_expired" | "token_revoked" | "account_disabled" | "wrong_service";
      username?: string;
    };

export async function redeemRefreshToken(secret: string, service: string): Promise<RedeemResult> {
  const row = await findRefreshToken(hashToken(secret));
  if (!row) return { ok: false, reason: "unknown_token" };
  const username = row.user?.username ?? row.serviceAccount?.name;
  if (row.service !== service) return { ok: false, reason: "wrong_service", username };
  const pat = row.accessToken;
  const refused = credentialRefusal({
    now: Date.now(),
    revokedAt: row.revokedAt?.getTime(),
    expiresAt: row.expiresAt.getTime(),
    ownerDisabled: Boolean(row.user?.disabled || row.serviceAccount?.disabled),
    ...(row.accessTokenId
      ? { parent: { missing: !pat, revokedAt: pat?.revokedAt?.getTime(), expiresAt: pat?.expiresAt?.getTime() } }
      : {}),
  });
  if (refused && refused !== "locked_out") return { ok: false, reason: refused, username };
  const scopes = (pat?.scopes as TokenScopeRule[] | null) ?? undefined;
  const subject: Subject = row.user
    ? { kind: "user", id: row.user.id, name: row.user.username, role: row.user.role }
    : { kind: "service_account", id: row.serviceAccount!.id, name: row.serviceAccount!.name };
  return {
    ok: true,
    subject,
    credential: { type: "refresh_token", id: row.id, tokenId: row.accessTokenId ?? undefined, scopes },
  };
}
