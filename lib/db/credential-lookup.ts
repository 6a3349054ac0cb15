import type { GrantRule, SubjectKind } from "../registry/authorize";
import { ADDRESS_BUCKET } from "./auth-failures";
import { sql } from "./client";
import { ReadCache } from "./read-cache";
import type { Role } from "../validation/common";

/**
 * The token endpoint's reads, one round trip per request, reused until a change (./read-cache.ts): the credential (token and its owner, or
 * the user and their password hash), the lockout row for (account, address), and every grant rule
 * the subject reaches. Plain SQL: this runs on every docker pull and push.
 */

/** Epoch milliseconds of a timestamp column (timestamps are stored in UTC, without time zone). */
const ms = (col: string) => `floor(extract(epoch FROM ${col}) * 1000)::float8`;

/**
 * Every rule that applies to a subject: its own grants, its teams' grants (users), public ones.
 * `userId` and `serviceAccountId` are SQL expressions (parameters or columns), either may be NULL.
 */
export function rulesSql(userId: string, serviceAccountId: string): string {
  return `SELECT g.id::text AS id, g.repository, g.actions, g."subjectType"::text AS "subjectType",
                 COALESCE(ru.username, rt.name, rs.name) AS name, ${ms('g."expiresAt"')} AS "expiresAt",
                 rg.service AS registry
            FROM "Grant" g
            LEFT JOIN "Registry" rg ON rg.id = g."registryId"
            LEFT JOIN "User" ru ON ru.id = g."userId"
            LEFT JOIN "Team" rt ON rt.id = g."teamId"
            LEFT JOIN "ServiceAccount" rs ON rs.id = g."serviceAccountId"
           WHERE g."subjectType" = 'public'
              OR (g."userId" = ${userId})
              OR (g."teamId" IN (SELECT m."teamId" FROM "TeamMembership" m WHERE m."userId" = ${userId}))
              OR (g."serviceAccountId" = ${serviceAccountId})`;
}

/** The lockout row of (account, address), given as SQL parameter references. */
const failureSql = (name: string, ip: string) =>
  `(SELECT json_build_object('lockedUntil', ${ms('f."lockedUntil"')})
      FROM "AuthFailure" f WHERE f.username = ${name} AND f."clientIp" = ${ip})`;

export interface RuleRow {
  id: string;
  repository: string;
  actions: string[];
  subjectType: SubjectKind;
  name: string | null;
  expiresAt: number | null;
  registry: string | null;
}

/**
 * The rules still in force at `now`: a grant stops counting the instant it expires, swept or not.
 * The same rows (a cached credential's) give the same array until one of them expires, so what is
 * worked out from a principal's rules can be kept on them (lib/token-server/decision.ts).
 */
export function toRules(rows: RuleRow[], now = Date.now()): readonly GrantRule[] {
  const kept = inForce.get(rows);
  if (kept && kept.from <= now && now < kept.until) return kept.rules;
  const rules = Object.freeze(build(rows, now));
  const until = Math.min(...rows.map((r) => (r.expiresAt !== null && r.expiresAt > now ? r.expiresAt : Infinity)));
  inForce.set(rows, { from: now, until, rules });
  return rules;
}
const inForce = new WeakMap<RuleRow[], { from: number; until: number; rules: readonly GrantRule[] }>();

function build(rows: RuleRow[], now: number): GrantRule[] {
  return rows
    .filter((r) => r.expiresAt === null || r.expiresAt > now)
    .map((r) => ({
      id: r.id,
      repository: r.repository,
      actions: r.actions,
      via: { type: r.subjectType, name: r.name ?? "everyone" },
      ...(r.expiresAt !== null ? { expiresAt: r.expiresAt } : {}),
      ...(r.registry !== null ? { registry: r.registry } : {}),
    }));
}

export interface FailureRow {
  lockedUntil: number | null;
}

export interface TokenLookup {
  token: {
    id: string;
    prefix: string;
    secretHash: string;
    graceUntil: number | null;
    scopes: unknown;
    expiresAt: number | null;
    lastUsedAt: number | null;
    lastUsedIp: string | null;
    revokedAt: number | null;
    userId: string | null;
    serviceAccountId: string | null;
    username: string | null;
    role: Role | null;
    userDisabled: boolean | null;
    serviceAccountName: string | null;
    serviceAccountDisabled: boolean | null;
  } | null;
  failure: FailureRow | null;
  rules: RuleRow[];
}

const TOKEN_SQL = `
  WITH t AS (
    SELECT k.id::text AS id, k.prefix, k."secretHash", ${ms('k."graceUntil"')} AS "graceUntil", k.scopes,
           ${ms('k."expiresAt"')} AS "expiresAt", ${ms('k."lastUsedAt"')} AS "lastUsedAt", k."lastUsedIp",
           ${ms('k."revokedAt"')} AS "revokedAt", k."userId", k."serviceAccountId",
           u.username, u.role::text AS role, u.disabled AS "userDisabled",
           s.name AS "serviceAccountName", s.disabled AS "serviceAccountDisabled"
      FROM "AccessToken" k
      LEFT JOIN "User" u ON u.id = k."userId"
      LEFT JOIN "ServiceAccount" s ON s.id = k."serviceAccountId"
     WHERE k."secretHash" = $1 OR k."graceSecretHash" = $1
     LIMIT 1)
  SELECT (SELECT row_to_json(t) FROM t) AS token,
         ${failureSql("$2", "$3")} AS failure,
         COALESCE((SELECT json_agg(r) FROM (${rulesSql('(SELECT t."userId" FROM t)', '(SELECT t."serviceAccountId" FROM t)')}) r), '[]'::json) AS rules`;

/** A token by the hash of its current or previous secret, with its owner, lockout and rules. */
const tokens = new ReadCache<TokenLookup>();
export function lookupToken(secretHash: string, lockName: string, ip: string): Promise<TokenLookup> {
  return tokens.get(
    `${secretHash}\0${lockName}\0${ip}`,
    async () => (await sql().query<TokenLookup>(TOKEN_SQL, [secretHash, lockName, ip]))[0],
    (r) => r.token !== null && r.failure === null,
  );
}

export interface PasswordLookup {
  user: {
    id: string;
    username: string;
    role: Role;
    disabled: boolean;
    passwordHash: string;
    source: "local" | "ldap";
  } | null;
  failure: FailureRow | null;
  /** Every password attempt from the address, whatever the account. */
  addressFailure: FailureRow | null;
  rules: RuleRow[];
}

const PASSWORD_SQL = `
  WITH u AS (
    SELECT id::text AS id, username, role::text AS role, disabled, "passwordHash", source::text AS source
      FROM "User" WHERE username = $1)
  SELECT (SELECT row_to_json(u) FROM u) AS "user",
         ${failureSql("$2", "$3")} AS failure,
         ${failureSql(`'${ADDRESS_BUCKET}'`, "$3")} AS "addressFailure",
         COALESCE((SELECT json_agg(r) FROM (${rulesSql("(SELECT u.id::uuid FROM u)", "NULL::uuid")}) r), '[]'::json) AS rules`;

/**
 * A user by name with their password hash, lockout and rules, reused like a token's while the
 * account has no failure row for this address (a success then has nothing to clear) and the
 * address is not locked (its count matters only once locked, which notifies; an unlock, a delete,
 * does not). A failure recorded here drops the entry at once (forgetPasswordLookup); one recorded
 * by another instance is seen here when its lock is set or the entry ages out, so a success
 * answered from here meanwhile does not reset that count: lockout only stricter, never looser.
 */
const passwords = new ReadCache<PasswordLookup>();
const passwordKey = (username: string, ip: string) => `${username}\0${ip}`;
export function lookupPassword(username: string, ip: string): Promise<PasswordLookup> {
  return passwords.get(
    passwordKey(username, ip),
    async () => (await sql().query<PasswordLookup>(PASSWORD_SQL, [username, username, ip]))[0],
    (r) => r.user !== null && r.failure === null && (r.addressFailure?.lockedUntil ?? 0) <= Date.now(),
  );
}

/** A password attempt for `username` from `ip` failed: its failure row now exists. */
export function forgetPasswordLookup(username: string, ip: string): void {
  passwords.forget(passwordKey(username, ip));
}

export interface RefreshLookup {
  token: {
    id: string;
    service: string;
    expiresAt: number;
    revokedAt: number | null;
    createdAt: number;
    lastUsedAt: number | null;
    accessTokenId: string | null;
    scopes: unknown;
    userId: string | null;
    username: string | null;
    role: Role | null;
    userDisabled: boolean | null;
    passwordChangedAt: number | null;
    serviceAccountId: string | null;
    serviceAccountName: string | null;
    serviceAccountDisabled: boolean | null;
    /** The access token a `docker login` with a token was made from (null: none, or gone). */
    parent: { revokedAt: number | null; expiresAt: number | null; scopes: unknown } | null;
  } | null;
  rules: RuleRow[];
}

const REFRESH_SQL = `
  WITH r AS (
    SELECT rt.id::text AS id, rt.service, ${ms('rt."expiresAt"')} AS "expiresAt", ${ms('rt."revokedAt"')} AS "revokedAt",
           ${ms('rt."createdAt"')} AS "createdAt", ${ms('rt."lastUsedAt"')} AS "lastUsedAt",
           rt."accessTokenId"::text AS "accessTokenId", rt.scopes,
           rt."userId", u.username, u.role::text AS role, u.disabled AS "userDisabled",
           ${ms('u."passwordChangedAt"')} AS "passwordChangedAt",
           rt."serviceAccountId", s.name AS "serviceAccountName", s.disabled AS "serviceAccountDisabled",
           CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object(
             'revokedAt', ${ms('a."revokedAt"')}, 'expiresAt', ${ms('a."expiresAt"')}, 'scopes', a.scopes) END AS parent
      FROM "RefreshToken" rt
      LEFT JOIN "User" u ON u.id = rt."userId"
      LEFT JOIN "ServiceAccount" s ON s.id = rt."serviceAccountId"
      LEFT JOIN "AccessToken" a ON a.id = rt."accessTokenId"
     WHERE rt."secretHash" = $1)
  SELECT (SELECT row_to_json(r) FROM r) AS token,
         COALESCE((SELECT json_agg(x) FROM (${rulesSql('(SELECT r."userId" FROM r)', '(SELECT r."serviceAccountId" FROM r)')}) x), '[]'::json) AS rules`;

/** A refresh token by the hash of its secret, with its owner, the access token it came from, and the rules. */
const refreshTokens = new ReadCache<RefreshLookup>();
export function lookupRefreshToken(secretHash: string): Promise<RefreshLookup> {
  return refreshTokens.get(
    secretHash,
    async () => (await sql().query<RefreshLookup>(REFRESH_SQL, [secretHash]))[0],
    (r) => r.token !== null,
  );
}
