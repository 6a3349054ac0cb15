import { changed } from "./change-feed";
import { db, sql } from "./client";

/**
 * Failed sign-ins, counted per (name, address): the name is an account, `token:<prefix>` for an
 * access token, or ADDRESS_BUCKET for every password attempt from the address (spraying).
 */
export const ADDRESS_BUCKET = "*";

/** Timestamps are stored in UTC without a time zone. */
const NOW = `(now() AT TIME ZONE 'UTC')`;

/** A counter restarts when its window has passed or its lockout has been served. */
const COUNT_SQL = `
  INSERT INTO "AuthFailure" AS f (username, "clientIp", failures, "firstFailureAt", "lastFailureAt")
  SELECT name, $2, 1, ${NOW}, ${NOW} FROM unnest($1::text[]) AS name ORDER BY name COLLATE "C"
  ON CONFLICT (username, "clientIp") DO UPDATE SET
    failures = CASE WHEN f."lastFailureAt" < $3::timestamp OR f."lockedUntil" <= ${NOW} THEN 1 ELSE f.failures + 1 END,
    "firstFailureAt" = CASE WHEN f."lastFailureAt" < $3::timestamp OR f."lockedUntil" <= ${NOW} THEN ${NOW} ELSE f."firstFailureAt" END,
    "lockedUntil" = CASE WHEN f."lockedUntil" <= ${NOW} THEN NULL ELSE f."lockedUntil" END,
    "lastFailureAt" = ${NOW}
  RETURNING username, failures`;

/**
 * Counts one attempt (or failure) against each name, atomically: concurrent requests each get
 * their own number, so a burst cannot overshoot a threshold. Returns the new count per name.
 */
export async function countAttempt(names: string[], clientIp: string, windowStart: Date): Promise<Map<string, number>> {
  const rows = await sql().query<{ username: string; failures: number }>(COUNT_SQL, [
    names,
    clientIp,
    windowStart.toISOString().replace("Z", ""),
  ]);
  return new Map(rows.map((r) => [r.username, Number(r.failures)]));
}

/** Locks (name, address) until `until`; with `ifUnlocked`, a lock already in force is left as it is. */
export async function lockAuthFailure(
  username: string,
  clientIp: string,
  until: Date,
  ifUnlocked = false,
): Promise<void> {
  await sql().query(
    `UPDATE "AuthFailure" SET "lockedUntil" = $3::timestamp
      WHERE username = $1 AND "clientIp" = $2 AND (NOT $4::boolean OR "lockedUntil" IS NULL OR "lockedUntil" <= ${NOW})`,
    [username, clientIp, until.toISOString().replace("Z", ""), ifUnlocked],
  );
  changed(); // a lookup read before the lock must not be reused (the others hear the trigger)
}

/**
 * A success: the account's counter goes, and the attempt it had reserved on the address is handed
 * back. Two statements, each locking one row: countAttempt locks several rows (in name order), so
 * a statement here holding one row while waiting for another could deadlock with it (one
 * statement with a data-modifying CTE did: PostgreSQL runs that CTE after the main statement).
 */
export async function settleSuccess(username: string, clientIp: string, reservedOnAddress: boolean): Promise<void> {
  await sql().query(`DELETE FROM "AuthFailure" WHERE username = $1 AND "clientIp" = $2`, [username, clientIp]);
  if (reservedOnAddress)
    await sql().query(
      `UPDATE "AuthFailure" SET failures = GREATEST(failures - 1, 0) WHERE username = $1 AND "clientIp" = $2`,
      [ADDRESS_BUCKET, clientIp],
    );
}

export function clearAuthFailure(username: string, clientIp: string) {
  return db().authFailure.deleteMany({ where: { username, clientIp } });
}

export function listLockouts(now = new Date()) {
  return db().authFailure.findMany({ where: { lockedUntil: { gt: now } }, orderBy: { lockedUntil: "desc" } });
}
