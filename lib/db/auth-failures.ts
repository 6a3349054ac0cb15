import { db } from "./client";

/** Counts a failure atomically; returns the new count. */
export async function bumpAuthFailure(username: string, clientIp: string, windowStart: Date): Promise<number> {
  const rows = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "AuthFailure" (username, "clientIp", failures, "firstFailureAt", "lastFailureAt")
    VALUES (${username}, ${clientIp}, 1, now(), now())
    ON CONFLICT (username, "clientIp") DO UPDATE SET
      failures = CASE WHEN "AuthFailure"."lastFailureAt" < ${windowStart} THEN 1 ELSE "AuthFailure".failures + 1 END,
      "firstFailureAt" = CASE WHEN "AuthFailure"."lastFailureAt" < ${windowStart} THEN now() ELSE "AuthFailure"."firstFailureAt" END,
      "lastFailureAt" = now()
    RETURNING failures`;
  return Number(rows[0]?.failures ?? 1);
}

export function lockAuthFailure(username: string, clientIp: string, until: Date) {
  return db().authFailure.update({ where: { username_clientIp: { username, clientIp } }, data: { lockedUntil: until } });
}

export function clearAuthFailure(username: string, clientIp: string) {
  return db().authFailure.deleteMany({ where: { username, clientIp } });
}

export function listLockouts(now = new Date()) {
  return db().authFailure.findMany({ where: { lockedUntil: { gt: now } }, orderBy: { lockedUntil: "desc" } });
}
