import { sql } from "../db/client";
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
  return sql().transaction(async (q) => {
    // Deleting whole days of a large log may take longer than an ordinary statement's deadline.
    await q(`SELECT set_config('statement_timeout', '0', true) AS unlimited`);
    await lockChain(q);
    const [keep] = await q<{ first: string | null }>(
      `SELECT min(id)::text AS first FROM "AuditEvent" WHERE time >= $1::timestamptz AT TIME ZONE 'UTC'`,
      [cutoff],
    );
    // Everything before the first event still inside the period (or everything, if none is).
    const [last] = keep.first
      ? await q<{ id: string; hash: string | null }>(`SELECT id::text AS id, hash FROM "AuditEvent" WHERE id < $1::bigint ORDER BY "AuditEvent".id DESC LIMIT 1`, [keep.first])
      : await q<{ id: string; hash: string | null }>(`SELECT id::text AS id, hash FROM "AuditEvent" ORDER BY "AuditEvent".id DESC LIMIT 1`);
    if (!last) return { deleted: 0, cutoff };
    await q(`SELECT set_config('portcullis.audit_retention', 'on', true) AS retention`);
    const [del] = await q<{ n: number }>(`WITH d AS (DELETE FROM "AuditEvent" WHERE id <= $1::bigint RETURNING 1) SELECT count(*)::int AS n FROM d`, [last.id], { timeoutMs: 3_600_000 });
    await q(`SELECT set_config('portcullis.audit_retention', 'off', true) AS retention`);
    await q(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
      [ANCHOR_KEY, JSON.stringify({ lastDeletedId: last.id, hash: last.hash })],
    );
    await appendAuditWith(q, [
      {
        actorKind: "system",
        actorName: "portcullis",
        action: "audit.retention",
        outcome: "success",
        details: { deleted: del.n, before: cutoff, retentionDays: auditRetentionDays, lastDeletedId: last.id },
      },
    ]);
    return { deleted: del.n, cutoff };
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
