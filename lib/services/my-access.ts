import { explainRefusal } from "../audit/explain-denial";
import type { Caller } from "../auth/caller";
import { listRefusalsOf } from "../db/audit-events";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import { listLiveRefreshTokensOf, revokeRefreshTokensOf } from "../db/refresh-tokens";
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

/** Where I am signed in with `docker login` (the refresh tokens registry clients keep). */
export async function mySignedInClients(caller: Caller) {
  return { clients: await listLiveRefreshTokensOf(person(caller).id) };
}

/** Signs one of my registry clients out (`id`), or all of them; someone else's id is not found. */
export async function signOutMyClients(caller: Caller, actor: AuditActor, id?: string) {
  const me = person(caller);
  return transaction(async (tx) => {
    const revoked = await revokeRefreshTokensOf(tx, me.id, id ? [id] : undefined);
    if (id && revoked.length === 0) throw notFound("signed-in client");
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
