import { touchAccessToken } from "../db/access-tokens";
import { lookupFailure, lookupPassword, lookupToken, toRules, type FailureRow } from "../db/credential-lookup";
import type { GrantRule, TokenScopeRule } from "../registry/authorize";
import { hashToken, looksLikeToken, parseToken } from "../registry/pat";
import { env } from "../config/env";
import { runtimeSecrets } from "../runtime-secrets";
import { CredentialCache } from "./credential-cache";
import { delay, registerFailure, registerSuccess } from "./lockout";
import { verifyPassword } from "./password";

export type Subject =
  | { kind: "user"; id: string; name: string; role: "admin" | "auditor" | "user" }
  | { kind: "service_account"; id: string; name: string };

export type Credential =
  | { type: "password" }
  | { type: "token"; id: string; prefix: string; scopes?: TokenScopeRule[]; expiresAt: Date | null }
  | { type: "refresh_token"; id: string; tokenId?: string; scopes?: TokenScopeRule[] };

export type FailureReason =
  | "bad_password"
  | "unknown_account"
  | "account_disabled"
  | "malformed_token"
  | "unknown_token"
  | "token_revoked"
  | "token_expired"
  | "token_owner_mismatch"
  | "locked_out";

export type AuthResult =
  | { ok: true; subject: Subject; credential: Credential; rules?: GrantRule[] }
  | { ok: false; reason: FailureReason; username: string };

const slot = globalThis as unknown as { __portcullisCredCache?: CredentialCache };
export function credentialCache(): CredentialCache {
  slot.__portcullisCredCache ??= new CredentialCache(runtimeSecrets().cacheKey, env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS * 1000);
  return slot.__portcullisCredCache;
}

/** `credential` as recorded in the audit log: never a secret, only what identifies it. */
export function describeCredential(c: Credential): string {
  if (c.type === "token") return `token:${c.id}`;
  if (c.type === "refresh_token") return `refresh_token:${c.id}`;
  return "password";
}

const TOUCH_EVERY_MS = 60_000;

type Check = { result: AuthResult; failure: FailureRow | null };

/** A token check; with username null (Bearer), the token itself names its owner. */
async function checkToken(username: string | null, secret: string, lockName: string, ip: string): Promise<Check> {
  const fail = (reason: FailureReason, failure: FailureRow | null): Check => ({ result: { ok: false, reason, username: username ?? "" }, failure });
  if (!parseToken(secret)) return fail("malformed_token", await lookupFailure(lockName, ip)); // checksum: no token lookup for typos
  const hash = hashToken(secret);
  const { token: t, failure, rules } = await lookupToken(hash, lockName, ip);
  if (isLocked(failure)) return fail("locked_out", failure);
  if (!t) return fail("unknown_token", failure);
  const owner = t.userId
    ? { kind: "user" as const, id: t.userId, name: t.username!, role: t.role!, disabled: Boolean(t.userDisabled) }
    : t.serviceAccountId
      ? { kind: "service_account" as const, id: t.serviceAccountId, name: t.serviceAccountName!, disabled: Boolean(t.serviceAccountDisabled) }
      : null;
  if (!owner || (username !== null && owner.name !== username)) return fail("token_owner_mismatch", failure);
  if (t.revokedAt !== null) return fail("token_revoked", failure);
  const now = Date.now();
  if (t.expiresAt !== null && t.expiresAt <= now) return fail("token_expired", failure);
  if (t.secretHash !== hash && !(t.graceUntil !== null && t.graceUntil > now)) return fail("token_revoked", failure);
  if (owner.disabled) return fail("account_disabled", failure);
  if (t.lastUsedAt === null || now - t.lastUsedAt > TOUCH_EVERY_MS || t.lastUsedIp !== ip) {
    await touchAccessToken(t.id, ip);
  }
  const subject: Subject =
    owner.kind === "user" ? { kind: "user", id: owner.id, name: owner.name, role: owner.role } : { kind: "service_account", id: owner.id, name: owner.name };
  const expiresAt = t.expiresAt === null ? null : new Date(t.expiresAt);
  return {
    result: {
      ok: true,
      subject,
      credential: { type: "token", id: t.id, prefix: t.prefix, scopes: (t.scopes as TokenScopeRule[] | null) ?? undefined, expiresAt },
      rules: toRules(rules),
    },
    failure,
  };
}

async function checkPassword(username: string, password: string, ip: string): Promise<Check> {
  const { user, failure, rules } = await lookupPassword(username, ip);
  const fail = (reason: FailureReason): Check => ({ result: { ok: false, reason, username }, failure });
  if (isLocked(failure)) return fail("locked_out");
  const grant = (u: NonNullable<typeof user>): Check => ({
    result: { ok: true, subject: { kind: "user", id: u.id, name: u.username, role: u.role }, credential: { type: "password" }, rules: toRules(rules) },
    failure,
  });
  if (user && credentialCache().hit(username, password, user)) {
    return user.disabled ? fail("account_disabled") : grant(user);
  }
  // Verified even for an unknown account, so its answer takes as long as a wrong password's.
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user) return fail("unknown_account");
  if (!ok) return fail("bad_password");
  if (user.disabled) return fail("account_disabled");
  credentialCache().remember(username, password, user);
  return grant(user);
}

const isLocked = (f: FailureRow | null) => f?.lockedUntil != null && f.lockedUntil > Date.now();

/**
 * Checks a username and a secret (a personal/robot access token, or a password), with lockout per
 * account and address. Service accounts have no password: they sign in with their tokens only.
 * A success carries the subject's grant rules, read in the same round trip.
 */
export async function authenticate(username: string | null, secret: string, ip: string): Promise<AuthResult> {
  // A Bearer token carries no username: its failures are counted under one shared name.
  const lockName = username ?? "(bearer)";
  const { result, failure } = looksLikeToken(secret)
    ? await checkToken(username, secret, lockName, ip)
    : username === null
      ? { result: { ok: false, reason: "malformed_token", username: lockName } as const, failure: await lookupFailure(lockName, ip) }
      : await checkPassword(username, secret, ip);
  if (isLocked(failure)) return { ok: false, reason: "locked_out", username: lockName }; // not counted again
  if (result.ok) {
    await registerSuccess(lockName, ip, failure !== null);
  } else if (result.reason !== "account_disabled") {
    await delay(await registerFailure(lockName, ip));
  }
  return result;
}
