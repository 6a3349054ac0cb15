import { deleteStaleDeviceAuthorizations } from "../db/device-authorizations";
import { appendAudit } from "../audit/write";
import type { AuditInput } from "../audit/types";
import { takeLapsedRequests } from "../db/access-requests";
import { transaction } from "../db/client";
import { takeLapsedGrants } from "../db/grants";
import { lockForTransaction } from "../db/locks";
import { logger } from "../log";
import { presentAccessRequest } from "./access-requests";
import { presentGrant } from "./grants";

const system = { actorId: null, actorName: "portcullis", actorKind: "system" } as const;

/**
 * What time ends: expired grants are removed and unanswered requests marked expired, each recorded
 * in the audit log (`grant.expire`, `access_request.expire`) in the same transaction. The token
 * endpoint stops honouring a grant at its expiry on its own; this makes the lapse visible. One
 * instance at a time (a lock), so each lapse is recorded once however many replicas run.
 */
export async function applyLapses(now = new Date()): Promise<{ grants: number; requests: number }> {
  return transaction(async (tx) => {
    await lockForTransaction(tx, "lapses");
    const grants = await takeLapsedGrants(tx, now);
    const requests = await takeLapsedRequests(tx, now);
    const events: AuditInput[] = [
      ...grants.map((g) => ({
        ...system,
        action: "grant.expire" as const,
        outcome: "success" as const,
        repository: g.repository,
        details: { before: presentGrant(g) },
      })),
      ...requests.map((r) => ({
        ...system,
        action: "access_request.expire" as const,
        outcome: "success" as const,
        repository: r.repository,
        details: { request: { ...presentAccessRequest(r, now), status: "expired" } },
      })),
    ];
    if (events.length) await appendAudit(tx, events);
    return { grants: grants.length, requests: requests.length };
  });
}

/** Runs the sweep now and then every `everyMs` in this process. */
export function scheduleLapses(everyMs = 60_000): () => void {
  const run = () =>
    Promise.all([
      applyLapses(),
      // Device codes a day past their ten minutes are of no use to anyone (their events stay).
      deleteStaleDeviceAuthorizations(new Date(Date.now() - 86_400_000)),
    ]).then(
      ([r]) => (r.grants || r.requests) && logger.info("lapsed", r),
      (err) => logger.error("lapse sweep failed", { error: (err as Error).message }),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
