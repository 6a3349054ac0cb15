import { openRequest } from "./access-requests";
import { db, sql } from "./client";
import { pendingMigrations } from "./migrate";

/** The Overview page's figures: everyone's users, teams and grants, pending access requests, and the person's live tokens. */
export async function overviewCounts(userId: string) {
  const [users, teams, grants, tokens, pendingRequests] = await Promise.all([
    db().user.count(),
    db().team.count(),
    db().grant.count(),
    db().accessToken.count({ where: { userId, revokedAt: null } }),
    db().accessRequest.count({ where: openRequest() }),
  ]);
  return { users, teams, grants, tokens, pendingRequests };
}

/** Readiness: the database answers a statement through the application's pool. */
export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`;
}

/** Readiness: migrations in prisma/migrations the database has not finished applying. */
export function pendingMigrationNames(): Promise<string[]> {
  return pendingMigrations((text) => sql().query<{ name: string }>(text));
}

/** What "is everything fine?" needs, in one round trip: refusals now against the day's usual, expiring tokens, lockouts. */
export async function overviewHealth(now = new Date()) {
  const [row] = await sql().query<{
    refusedLastHour: number;
    refusedDay: number;
    expiringTokens: number;
    lockouts: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM "AuditEvent" WHERE action = 'token.issue' AND outcome IN ('denied','partial','unauthorized')
          AND time >= $1::timestamptz AT TIME ZONE 'UTC' - interval '1 hour') AS "refusedLastHour",
       (SELECT count(*)::int FROM "AuditEvent" WHERE action = 'token.issue' AND outcome IN ('denied','partial','unauthorized')
          AND time >= $1::timestamptz AT TIME ZONE 'UTC' - interval '25 hours'
          AND time < $1::timestamptz AT TIME ZONE 'UTC' - interval '1 hour') AS "refusedDay",
       (SELECT count(*)::int FROM "AccessToken" WHERE "revokedAt" IS NULL
          AND "expiresAt" > $1::timestamptz AT TIME ZONE 'UTC'
          AND "expiresAt" <= $1::timestamptz AT TIME ZONE 'UTC' + interval '7 days') AS "expiringTokens",
       (SELECT count(*)::int FROM "AuthFailure" WHERE "lockedUntil" > $1::timestamptz AT TIME ZONE 'UTC') AS lockouts`,
    [now.toISOString()],
  );
  return row;
}
