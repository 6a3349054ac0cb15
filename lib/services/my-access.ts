import { explainRefusal } from "../audit/explain-denial";
import type { Caller } from "../auth/caller";
import { listRefusalsOf } from "../db/audit-events";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import { credentialRefusal } from "../auth/credential-state";
import { findRefreshToken, listRefreshTokensOf, revokeRefreshTokensWhere } from "../db/refresh-tokens";
import type { Prisma } from "../db/client";
import type { RequestFacts } from "../audit/actor";
import { hashToken } from "../registry/pat";
import { getSettings } from "../settings";
import { refreshTokenFacts } from "../token-server/refresh-tokens";
import { forbidden, notFound } from "../errors";
import { userReach } from "./access";

const person = (caller: Caller) => {
  if (caller.kind !== "user") throw forbidden("service accounts have no personal access page");
  return caller;
};

/** What I can pull, push and delete, and through which grant, team or role. */
export function myAccess(caller: Caller) {
  return userReach(person(caller).name);
}

/** My own recent refusals, each explained with its fix. Only ever the caller's own records. */
export async function myRefusals(caller: Caller, limit: number) {
  const rows = await listRefusalsOf(person(caller).name, limit);
  return {
    refusals: rows.map((r) => ({
      id: r.id,
      time: r.time,
      action: r.action,
      outcome: r.outcome,
      repository: r.repository,
      clientIp: r.clientIp,
      explanations: explainRefusal(r),
    })),
  };
}

/**
 * Where a person is signed in with `docker login` (the refresh tokens registry clients keep): only
 * those that still work, each with when it ends (its lifetime, or sooner if left idle).
 */
export async function signedInClientsOf(userId: string) {
  const [{ rows, passwordChangedAt }, { refreshTokenIdleDays }] = await Promise.all([
    listRefreshTokensOf(userId),
    getSettings(),
  ]);
  const now = Date.now();
  const clients = rows.flatMap((r) => {
    const facts = refreshTokenFacts(r, passwordChangedAt, refreshTokenIdleDays);
    if (credentialRefusal({ now, expiresAt: r.expiresAt.getTime(), ...facts })) return [];
    const idleEnd = facts.idle!.since + facts.idle!.ms;
    return [
      {
        ...r,
        scopes: (r.scopes as { repository: string; actions: string[] }[] | null) ?? null,
        fromAccessToken: r.accessTokenId !== null,
        endsAt: new Date(Math.min(idleEnd, r.expiresAt.getTime())),
      },
    ];
  });
  return { clients };
}

export function mySignedInClients(caller: Caller) {
  return signedInClientsOf(person(caller).id);
}

/** Signs one of my registry clients out (`id`), or all of them; someone else's id is not found. */
export function signOutMyClients(caller: Caller, actor: AuditActor, id?: string) {
  return signOutClients(person(caller).id, actor, id);
}

/** Signs one registry client of a person out (`id`, which must be theirs), or all of them. */
export async function signOutClients(userId: string, actor: AuditActor, id?: string) {
  const r = await revokeAndRecord({ userId, ...(id ? { id } : {}) }, actor);
  if (id && r.revoked === 0) throw notFound("signed-in client");
  return r;
}

/**
 * A client signs itself out with the refresh token it holds (RFC 7009 revocation: `docker
 * logout` through the credential helper). Unknown or already revoked tokens change nothing.
 */
export async function signOutPresented(secret: string, facts: RequestFacts): Promise<void> {
  const row = await findRefreshToken(hashToken(secret));
  if (!row || row.revokedAt) return;
  const owner = row.user
    ? { actorId: row.user.id, actorName: row.user.username, actorKind: "user" as const }
    : { actorId: row.serviceAccount!.id, actorName: row.serviceAccount!.name, actorKind: "service_account" as const };
  await revokeAndRecord(
    { id: row.id },
    {
      ...owner,
      credential: `refresh_token:${row.id}`,
      clientIp: facts.clientIp ?? null,
      userAgent: facts.userAgent?.slice(0, 300) ?? null,
      requestId: facts.requestId ?? null,
    },
  );
}

async function revokeAndRecord(where: Prisma.RefreshTokenWhereInput, actor: AuditActor) {
  return transaction(async (tx) => {
    const revoked = await revokeRefreshTokensWhere(tx, where);
    if (revoked.length)
      await appendAudit(tx, [
        {
          ...actor,
          action: "refresh_token.revoke",
          outcome: "success",
          details: { revoked: revoked.map((r) => ({ id: r.id, service: r.service, clientId: r.clientId })) },
        },
      ]);
    return { revoked: revoked.length };
  });
}
