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
