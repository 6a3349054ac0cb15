import { chainTransaction, deleteChainPrefix } from "../db/audit-chain";
import { logger } from "../log";
import { getSettings } from "../settings";
import { ANCHOR_KEY } from "./verify";
import { appendAuditWith, lockChain } from "./write";

/** The start (UTC) of the oldest day still kept: events before it are whole expired days. */
export function retentionCutoff(now: Date, days: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - days);
  return d;
}

/**
 * Deletes audit events older than the retention setting, whole days at a time and always a prefix
 * of the chain (every event before the first one still inside the period), so the remaining chain
 * stays verifiable from the anchor it records; and records that it did, in the chain itself.
 * The database refuses the delete unless this transaction says it is retention.
 */
export async function applyRetention(now = new Date()): Promise<{ deleted: number; cutoff: string } | null> {
  const { auditRetentionDays } = await getSettings();
  if (!auditRetentionDays) return null;
  const cutoff = retentionCutoff(now, auditRetentionDays).toISOString();
  return chainTransaction(async (q) => {
    await lockChain(q);
    const gone = await deleteChainPrefix(q, cutoff, ANCHOR_KEY);
    if (!gone) return { deleted: 0, cutoff };
    await appendAuditWith(q, [
      {
        actorKind: "system",
        actorName: "portcullis",
        action: "audit.retention",
        outcome: "success",
        details: {
          deleted: gone.deleted,
          before: cutoff,
          retentionDays: auditRetentionDays,
          lastDeletedId: gone.lastDeletedId,
        },
      },
    ]);
    return { deleted: gone.deleted, cutoff };
  });
}

/** Runs retention now and then every hour in this process (several instances may: the lock serialises them). */
export function scheduleRetention(): () => void {
  const run = () =>
    applyRetention().then(
      (r) => r && r.deleted > 0 && logger.info("audit retention", r),
      (err) => logger.error("audit retention failed", { error: (err as Error).message }),
    );
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
