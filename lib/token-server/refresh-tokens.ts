import crypto from "node:crypto";
import { credentialRefusal, type CredentialFacts } from "../auth/credential-state";
import { lookupRefreshToken, toRules } from "../db/credential-lookup";
import { createRefreshToken, touchRefreshToken } from "../db/refresh-tokens";
import type { Credential, Subject } from "../auth/credentials";
import type { GrantRule, TokenScopeRule } from "../registry/authorize";
import { hashToken } from "../registry/pat";
import { getSettings } from "../settings";
import type { Prisma, Tx } from "../db/client";

/**
 * OAuth2 refresh tokens for registry clients that ask for offline access (`docker login` keeps
 * one as its identity token: a "signed-in client"): they let a long push renew its bearer token.
 * Stored hashed, bound to one service, never rotated on use (docker cannot store a new one),
 * checked on every use against the account, the access token they came from, the password they
 * came from (a change ends them), an idle expiry and an absolute lifetime (Settings).
 */

const TOUCH_EVERY_MS = 60_000;

/** The facts about a refresh token beyond revocation and lifetime: idle time, and the password it came from. */
export function refreshTokenFacts(
  row: { createdAt: Date; lastUsedAt: Date | null; accessTokenId: string | null },
  passwordChangedAt: Date | null | undefined,
  idleDays: number,
): Pick<CredentialFacts, "idle" | "issuedAt" | "passwordChangedAt"> {
  return {
    idle: { since: (row.lastUsedAt ?? row.createdAt).getTime(), ms: idleDays * 86_400_000 },
    ...(row.accessTokenId || passwordChangedAt === undefined
      ? {}
      : { issuedAt: row.createdAt.getTime(), passwordChangedAt: passwordChangedAt?.getTime() ?? null }),
  };
}
export interface RegistryClient {
  clientId?: string;
  userAgent?: string;
  clientIp?: string;
}

/** The one way a refresh token comes to be (a login or a device): its secret is returned once. */
export async function createRefreshTokenFor(
  subject: Subject,
  service: string,
  client: RegistryClient,
  t: {
    lifetimeDays: number;
    accessTokenId?: string;
    /** Its own repositories and actions (a device's choice); absent: the owner's access or the access token's. */
    scopes?: readonly TokenScopeRule[];
    device?: { name: string | null };
  },
  tx?: Tx,
): Promise<{ id: string; secret: string }> {
  const secret = `pcf_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await createRefreshToken(
    {
      secretHash: hashToken(secret),
      service,
      clientId: client.clientId?.slice(0, 200),
      userAgent: client.userAgent?.slice(0, 300),
      clientIp: client.clientIp,
      expiresAt: new Date(Date.now() + t.lifetimeDays * 86_400_000),
      accessTokenId: t.accessTokenId,
      ...(t.scopes ? { scopes: t.scopes as unknown as Prisma.InputJsonValue } : {}),
      ...(t.device ? { origin: "device" as const, deviceName: t.device.name } : {}),
      ...(subject.kind === "user" ? { userId: subject.id } : { serviceAccountId: subject.id }),
    },
    tx,
  );
  return { id: row.id, secret };
}

/** `docker login` asked for offline access: a refresh token for the credential it logged in with. */
export async function issueRefreshToken(
  subject: Subject,
  credential: Credential,
  service: string,
  client: RegistryClient = {},
): Promise<string> {
  const { refreshTokenTtlDays } = await getSettings();
  const accessTokenId =
    credential.type === "token" ? credential.id : credential.type === "refresh_token" ? credential.tokenId : undefined;
  // A refresh token that asks for another passes on its own limits (a device's scopes).
  const scopes = credential.type === "refresh_token" && !accessTokenId ? credential.scopes : undefined;
  const t = { lifetimeDays: refreshTokenTtlDays, accessTokenId, scopes };
  return (await createRefreshTokenFor(subject, service, client, t)).secret;
}

export type RedeemResult =
  | { ok: true; subject: Subject; credential: Credential; rules?: readonly GrantRule[] }
  | {
      ok: false;
      reason: "unknown_token" | "token_expired" | "token_revoked" | "account_disabled" | "wrong_service";
      username?: string;
    };

export async function redeemRefreshToken(secret: string, service: string, clientIp: string): Promise<RedeemResult> {
  // One round trip (plain SQL, like access tokens): the token, its owner, its parent token, the rules.
  const { token: row, rules } = await lookupRefreshToken(hashToken(secret));
  if (!row) return { ok: false, reason: "unknown_token" };
  const username = row.username ?? row.serviceAccountName ?? undefined;
  if (row.service !== service) return { ok: false, reason: "wrong_service", username };
  const pat = row.parent;
  const now = Date.now();
  const { refreshTokenIdleDays } = await getSettings();
  const date = (v: number | null) => (v === null ? null : new Date(v));
  const refused = credentialRefusal({
    now,
    ...refreshTokenFacts(
      { createdAt: new Date(row.createdAt), lastUsedAt: date(row.lastUsedAt), accessTokenId: row.accessTokenId },
      row.userId ? date(row.passwordChangedAt) : undefined,
      refreshTokenIdleDays,
    ),
    revokedAt: row.revokedAt ?? undefined,
    expiresAt: row.expiresAt,
    ownerDisabled: Boolean(row.userDisabled || row.serviceAccountDisabled),
    ...(row.accessTokenId
      ? { parent: { missing: !pat, revokedAt: pat?.revokedAt ?? undefined, expiresAt: pat?.expiresAt ?? undefined } }
      : {}),
  });
  if (refused && refused !== "locked_out") return { ok: false, reason: refused, username };
  if (!row.lastUsedAt || now - row.lastUsedAt >= TOUCH_EVERY_MS) {
    await touchRefreshToken(row.id, clientIp);
    row.lastUsedAt = now; // the lookup may be reused (lib/db/read-cache.ts)
  }
  const scopes = ((pat?.scopes ?? row.scopes) as TokenScopeRule[] | null) ?? undefined;
  const subject: Subject = row.userId
    ? { kind: "user", id: row.userId, name: row.username!, role: row.role! }
    : { kind: "service_account", id: row.serviceAccountId!, name: row.serviceAccountName! };
  return {
    ok: true,
    subject,
    credential: { type: "refresh_token", id: row.id, tokenId: row.accessTokenId ?? undefined, scopes },
    rules: toRules(rules),
  };
}
