import { recordAudit } from "@/lib/audit/write";
import { clearAuthFailure, listLockouts } from "@/lib/db/auth-failures";
import { route } from "@/lib/http/route";

export const GET = route("GET /api/v1/lockouts", async () => ({ lockouts: await listLockouts() }));

/** Lifts a lockout of one account (or `token:<prefix>`, or `*` for the address) from one address. */
export const DELETE = route("DELETE /api/v1/lockouts", async ({ actor, query }) => {
  const removed = await clearAuthFailure(query.username, query.ip);
  await recordAudit([
    {
      ...actor,
      action: "lockout.lift",
      outcome: "success",
      details: { username: query.username, ip: query.ip, removed: removed.count },
    },
  ]);
  return { lifted: removed.count > 0 };
});
