import { appendAudit } from "@/lib/audit/write";
import { clearAuthFailure, listLockouts } from "@/lib/db/auth-failures";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const GET = route("GET /api/v1/lockouts", async () => ({ lockouts: await listLockouts() }));

/** Lifts a lockout of one account from one address. */
export const DELETE = route("DELETE /api/v1/lockouts", async ({ actor, query }) => {
  const removed = await clearAuthFailure(query.username, query.ip);
  await db().$transaction((tx) =>
    appendAudit(tx, [{ ...actor, action: "lockout.lift", outcome: "success", details: { username: query.username, ip: query.ip, removed: removed.count } }]),
  );
  return { lifted: removed.count > 0 };
});
