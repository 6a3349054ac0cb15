import { z } from "zod";
import { appendAudit } from "@/lib/audit/write";
import { clearAuthFailure, listLockouts } from "@/lib/db/auth-failures";
import { db } from "@/lib/db/client";
import { actorOf } from "@/lib/http/actor";
import { route } from "@/lib/http/route";

export const GET = route({ access: "users:read" }, async () => ({ lockouts: await listLockouts() }));

const liftQuery = z.object({ username: z.string().min(1).max(64), ip: z.string().min(1).max(64) });

/** Lifts a lockout of one account from one address. */
export const DELETE = route({ access: "users:write", query: liftQuery }, async ({ caller, query, req, requestId }) => {
  const removed = await clearAuthFailure(query.username, query.ip);
  await db().$transaction((tx) =>
    appendAudit(tx, [{ ...actorOf(caller, req, requestId), action: "lockout.lift", outcome: "success", details: { username: query.username, ip: query.ip, removed: removed.count } }]),
  );
  return { lifted: removed.count > 0 };
});
