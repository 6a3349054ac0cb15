import { touchAccessToken } from "../db/access-tokens";
import { lookupPassword, lookupToken, toRules, type FailureRow, type PasswordLookup } from "../db/credential-lookup";
import { isUniqueViolation } from "../db/errors";
import { logger } from "../log";
import { accountName } from "../validation/common";
import { asExternalAccount, verifyDirectoryPassword } from "./directory/ldap";
import { provisionExternalAccount } from "./external-accounts";
import type { GrantRule, TokenScopeRule } from "../registry/authorize";
import { hashToken, looksLikeToken, parseToken, tokenPrefix } from "../registry/pat";
import { env, type LdapConfig } from "../config/env";
import { runtimeSecrets } from "../runtime-secrets";
import { CredentialCache } from "./credential-cache";
import { credentialRefusal } from "./credential-state";
import {
  clearFailures,
  delay,
  passwordFailed,
  passwordSettled,
  reservePasswordAttempt,
  tokenBucket,
  tokenFailed,
} from "./lockout";
import { verifyPassword } from "./password";
import type { Role } from "../validation/common";
import { metrics } from "../metrics/instruments";

export type Subject =
  { kind: "user"; id: string; name: string; role: Role } | { kind: "service_account"; id: string; name: string };

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
  | "locked_out"
  | "directory_unavailable"
  | "sso_session_ended";

export type AuthResult =
  | { ok: true; subject: Subject; credential: Credential; rules?: readonly GrantRule[] }
  | { ok: false; reason: FailureReason; username: string };

const slot = globalThis as unknown as { __portcullisCredCache?: CredentialCache };
export function credentialCache(): CredentialCache {
  slot.__portcullisCredCache ??= new CredentialCache(
    runtimeSecrets().cacheKey,
    env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS * 1000,
  );
  return slot.__portcullisCredCache;
}

/** `credential` as recorded in the audit log: never a secret, only what identifies it. */
export function describeCredential(c: Credential): string {
  if (c.type === "token") return `token:${c.id}`;
  if (c.type === "refresh_token") return `refresh_token:${c.id}`;
  return "password";
}

const TOUCH_EVERY_MS = 60_000;

const fail = (reason: FailureReason, username: string | null): AuthResult => ({
  ok: false,
  reason,
  username: username ?? "",
});
const isLocked = (f: FailureRow | null) =>
  credentialRefusal({ now: Date.now(), lockedUntil: f?.lockedUntil }) === "locked_out";

/**
 * A token check; with username null (Bearer), the token itself names its owner. Failures count
 * against the token presented (its prefix), never against the account or a shared bucket.
 */
async function checkToken(username: string | null, secret: string, ip: string): Promise<AuthResult> {
  if (!parseToken(secret)) return fail("malformed_token", username); // checksum: no lookup, and no guess worth counting
  const hash = hashToken(secret);
  const bucket = tokenBucket(tokenPrefix(secret));
  const { token: t, failure, rules } = await lookupToken(hash, bucket, ip);
  if (isLocked(failure)) return fail("locked_out", username);
  const refuse = async (reason: FailureReason) => {
    if (reason !== "account_disabled") await delay(await tokenFailed(bucket, ip));
    return fail(reason, username);
  };
  if (!t) return refuse("unknown_token");
  const owner = t.userId
    ? { kind: "user" as const, id: t.userId, name: t.username!, role: t.role!, disabled: Boolean(t.userDisabled) }
    : t.serviceAccountId
      ? {
          kind: "service_account" as const,
          id: t.serviceAccountId,
          name: t.serviceAccountName!,
          disabled: Boolean(t.serviceAccountDisabled),
        }
      : null;
  if (!owner || (username !== null && owner.name !== username)) return refuse("token_owner_mismatch");
  const now = Date.now();
  const refused = credentialRefusal({
    now,
    revokedAt: t.revokedAt,
    expiresAt: t.expiresAt,
    ...(t.secretHash !== hash ? { previousSecretUntil: t.graceUntil } : {}),
    ownerDisabled: owner.disabled,
  });
  if (refused) return refuse(refused);
  if (failure) await clearFailures(bucket, ip);
  if (t.lastUsedAt === null || now - t.lastUsedAt > TOUCH_EVERY_MS || t.lastUsedIp !== ip) {
    await touchAccessToken(t.id, ip);
    // The lookup may be reused (lib/db/read-cache.ts): it now says what was just written.
    t.lastUsedAt = now;
    t.lastUsedIp = ip;
  }
  const subject: Subject =
    owner.kind === "user"
      ? { kind: "user", id: owner.id, name: owner.name, role: owner.role }
      : { kind: "service_account", id: owner.id, name: owner.name };
  const expiresAt = t.expiresAt === null ? null : new Date(t.expiresAt);
  return {
    ok: true,
    subject,
    credential: {
      type: "token",
      id: t.id,
      prefix: t.prefix,
      scopes: (t.scopes as TokenScopeRule[] | null) ?? undefined,
      expiresAt,
    },
    rules: toRules(rules),
  };
}

/**
 * A password check, locked out per (account, address) and per address for every account. The
 * attempt is counted before argon2 runs, so concurrent guesses cannot overshoot the threshold.
 */
async function checkPassword(username: string, password: string, ip: string): Promise<AuthResult> {
  const { user, failure, addressFailure, rules } = await lookupPassword(username, ip);
  if (isLocked(failure) || isLocked(addressFailure)) return fail("locked_out", username); // not counted again
  // A directory account, or a name Portcullis does not know while a directory is configured: the
  // directory decides. A local account of the same name is never handed to the directory.
  const directory = env().ldap;
  if (directory && (!user || user.source === "ldap"))
    return checkDirectoryPassword(directory, username, password, ip, { user, failure, rules });
  const grant = (u: NonNullable<typeof user>): AuthResult => ({
    ok: true,
    subject: { kind: "user", id: u.id, name: u.username, role: u.role },
    credential: { type: "password" },
    rules: toRules(rules),
  });
  const cached = Boolean(user && credentialCache().hit(username, password, user));
  metrics().credentialCache.inc({ result: cached ? "hit" : "miss" });
  if (user && cached) {
    if (user.disabled) return fail("account_disabled", username);
    if (failure) await clearFailures(username, ip);
    return grant(user);
  }
  return credentialCache().once(username, password, ip, async () => {
    const attempt = await reservePasswordAttempt(username, ip);
    if (attempt.locked) return fail("locked_out", username);
    // Verified even for an unknown account, so its answer takes as long as a wrong password's.
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      await delay(await passwordFailed(attempt));
      return fail(user ? "bad_password" : "unknown_account", username);
    }
    await passwordSettled(attempt);
    if (user.disabled) return fail("account_disabled", username);
    credentialCache().remember(username, password, user);
    return grant(user);
  });
}

/**
 * A directory password, under the same lockout as a local one; a verified one is remembered for
 * the cache window like a local one (so a changed directory password, a disabled entry or a group
 * change is seen within that window). A directory that cannot answer is not the person's fault:
 * not counted as a failure, and answered as such.
 */
async function checkDirectoryPassword(
  cfg: LdapConfig,
  username: string,
  password: string,
  ip: string,
  known: Pick<PasswordLookup, "user" | "failure" | "rules">,
): Promise<AuthResult> {
  const { user } = known;
  if (user && credentialCache().hit(username, password, user)) {
    metrics().credentialCache.inc({ result: "hit" });
    if (user.disabled) return fail("account_disabled", username);
    if (known.failure) await clearFailures(username, ip);
    return {
      ok: true,
      subject: { kind: "user", id: user.id, name: user.username, role: user.role },
      credential: { type: "password" },
      rules: toRules(known.rules),
    };
  }
  metrics().credentialCache.inc({ result: "miss" });
  return credentialCache().once(username, password, ip, () => verifyAtDirectory(cfg, username, password, ip));
}

/** The directory's answer for a password not in the cache, counted as one attempt. */
async function verifyAtDirectory(cfg: LdapConfig, username: string, password: string, ip: string): Promise<AuthResult> {
  const attempt = await reservePasswordAttempt(username, ip);
  if (attempt.locked) return fail("locked_out", username);
  const usable = accountName.safeParse(username).success;
  const r = usable
    ? await verifyDirectoryPassword(cfg, username, password)
    : ({ ok: false, reason: "unknown_account" } as const);
  if (!r.ok) {
    if (r.reason === "directory_unavailable") {
      await passwordSettled(attempt);
      logger.warn("directory unavailable", { message: r.message });
      return fail("directory_unavailable", username);
    }
    await delay(await passwordFailed(attempt));
    return fail(r.reason, username);
  }
  await passwordSettled(attempt);
  const provision = () => provisionExternalAccount(username, asExternalAccount(cfg, r.account), { clientIp: ip });
  // Two first sign-ins at once: the second finds the account the first made.
  const account = await provision().catch((err: unknown) =>
    isUniqueViolation(err) ? provision() : Promise.reject(err),
  );
  if (!account) return fail("bad_password", username);
  if (account.disabled) return fail("account_disabled", username);
  const fresh = await lookupPassword(username, ip);
  if (fresh.user) credentialCache().remember(username, password, fresh.user);
  return {
    ok: true,
    subject: { kind: "user", id: account.id, name: account.username, role: account.role },
    credential: { type: "password" },
    rules: toRules(fresh.rules),
  };
}

/**
 * Checks a username and a secret (a personal/robot access token, or a password). Service
 * accounts have no password: they sign in with their tokens only. A success carries the
 * subject's grant rules, read in the same round trip.
 */
export async function authenticate(username: string | null, secret: string, ip: string): Promise<AuthResult> {
  if (looksLikeToken(secret)) return checkToken(username, secret, ip);
  if (username === null) return fail("malformed_token", null); // Bearer: access tokens only
  return checkPassword(username, secret, ip);
}
