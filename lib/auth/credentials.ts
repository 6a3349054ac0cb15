import { findTokenBySecretHash, touchAccessToken } from "../db/access-tokens";
import { findUserCredentials } from "../db/users";
import type { TokenScopeRule } from "../registry/authorize";
import { hashToken, looksLikeToken, parseToken } from "../registry/pat";
import { env } from "../config/env";
import { runtimeSecrets } from "../runtime-secrets";
import { CredentialCache } from "./credential-cache";
import { delay, lockoutState, registerFailure, registerSuccess } from "./lockout";
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
  | { ok: true; subject: Subject; credential: Credential }
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

/** A token check; with username null (Bearer), the token itself names its owner. */
async function checkToken(username: string | null, secret: string, ip: string | null): Promise<AuthResult> {
  const fail = (reason: FailureReason): AuthResult => ({ ok: false, reason, username: username ?? "" });
  if (!parseToken(secret)) return fail("malformed_token"); // checksum: no database hit for typos
  const hash = hashToken(secret);
  const t = await findTokenBySecretHash(hash);
  if (!t) return fail("unknown_token");
  const owner = t.user
    ? { kind: "user" as const, id: t.user.id, name: t.user.username, role: t.user.role, disabled: t.user.disabled }
    : t.serviceAccount
      ? { kind: "service_account" as const, id: t.serviceAccount.id, name: t.serviceAccount.name, disabled: t.serviceAccount.disabled }
      : null;
  if (!owner || (username !== null && owner.name !== username)) return fail("token_owner_mismatch");
  if (t.revokedAt) return fail("token_revoked");
  const now = Date.now();
  if (t.expiresAt && t.expiresAt.getTime() <= now) return fail("token_expired");
  if (t.secretHash !== hash && !(t.graceUntil && t.graceUntil.getTime() > now)) return fail("token_revoked");
  if (owner.disabled) return fail("account_disabled");
  if (!t.lastUsedAt || now - t.lastUsedAt.getTime() > TOUCH_EVERY_MS || t.lastUsedIp !== ip) {
    await touchAccessToken(t.id, ip);
  }
  const subject: Subject =
    owner.kind === "user" ? { kind: "user", id: owner.id, name: owner.name, role: owner.role } : { kind: "service_account", id: owner.id, name: owner.name };
  return {
    ok: true,
    subject,
    credential: { type: "token", id: t.id, prefix: t.prefix, scopes: (t.scopes as TokenScopeRule[] | null) ?? undefined, expiresAt: t.expiresAt },
  };
}

async function checkPassword(username: string, password: string): Promise<AuthResult> {
  const fail = (reason: FailureReason): AuthResult => ({ ok: false, reason, username });
  const user = await findUserCredentials(username);
  if (user && credentialCache().hit(username, password, user)) {
    return user.disabled
      ? fail("account_disabled")
      : { ok: true, subject: { kind: "user", id: user.id, name: user.username, role: user.role }, credential: { type: "password" } };
  }
  // Verified even for an unknown account, so its answer takes as long as a wrong password's.
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user) return fail("unknown_account");
  if (!ok) return fail("bad_password");
  if (user.disabled) return fail("account_disabled");
  credentialCache().remember(username, password, user);
  return { ok: true, subject: { kind: "user", id: user.id, name: user.username, role: user.role }, credential: { type: "password" } };
}

/**
 * Checks a username and a secret (a password, or a personal/robot access token), with lockout per
 * account and address. Service accounts have no password: they sign in with their tokens only.
 */
export async function authenticate(username: string | null, secret: string, ip: string): Promise<AuthResult> {
  // A Bearer token carries no username: its failures are counted under one shared name.
  const lockName = username ?? "(bearer)";
  const { locked, hasFailures } = await lockoutState(lockName, ip);
  if (locked) return { ok: false, reason: "locked_out", username: lockName };
  const result = looksLikeToken(secret)
    ? await checkToken(username, secret, ip)
    : username === null
      ? ({ ok: false, reason: "malformed_token", username: lockName } as const)
      : await checkPassword(username, secret);
  if (result.ok) {
    await registerSuccess(lockName, ip, hasFailures);
  } else if (result.reason !== "account_disabled") {
    await delay(await registerFailure(lockName, ip));
  }
  return result;
}

