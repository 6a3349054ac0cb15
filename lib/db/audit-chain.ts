import { sql, type Tx } from "./client";
import type { HASHED_FIELDS } from "../audit/types";
import type { Query } from "./sql";

/**
 * The audit chain's statements. The chain's rules (what is hashed, in which order, retention as a
 * prefix) are lib/audit's; this module and the database function portcullis_audit_append
 * (prisma/migrations/20261129071500_audit_append_in_database) say them in SQL.
 */
/** The chain's advisory lock; portcullis_audit_append takes the same. */
const CHAIN_LOCK = 7413_2026;

/** The columns an append writes: the hashed fields and the links. */
export type ChainColumn = (typeof HASHED_FIELDS)[number] | "prevHash" | "hash";

/** A transaction of the chain's own (plain SQL on the hot path's pool). */
export const chainTransaction = <T>(work: (q: Query) => Promise<T>): Promise<T> => sql().transaction(work);

/** Plain SQL on the hot path's pool, each statement a transaction of its own. */
export const standalone: Query = (text, params, opts) => sql().query(text, params, opts);

/** Plain SQL inside a Prisma transaction, so a change and its audit record commit together. */
export const queryOn =
  (tx: Tx): Query =>
  (text, params) =>
    tx.$queryRawUnsafe(text, ...(params ?? []));

/** Orders every writer of the chain (appends and retention) until the transaction ends. */
export async function lockChain(q: Query): Promise<void> {
  await q(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

/**
 * Appends events after the chain's last one, in one statement: each event its body (its hashed
 * fields as canonical JSON, lib/audit/chain.ts eventBody), sent as one JSON array without further
 * escaping. The database's portcullis_audit_append (see its migration) takes the chain's lock,
 * leaves out registry events stored already, links and inserts. On the pool's query an
 * autocommitted transaction of its own; on a transaction's, part of it. Returns how many were stored.
 */
export async function appendChain(q: Query, bodies: string[]): Promise<number> {
  const [r] = await q<{ stored: number }>(`SELECT portcullis_audit_append($1::json) AS stored`, [
    `[${bodies.join(",")}]`,
  ]);
  return r.stored;
}

/**
 * Retention's delete: every event up to the last one before `cutoff` (a prefix of the chain), with
 * the database's append-only trigger told it is retention, and the anchor the chain continues from.
 * Null when there is nothing to delete.
 */
export async function deleteChainPrefix(
  q: Query,
  cutoff: string,
  anchorKey: string,
): Promise<{ deleted: number; lastDeletedId: string } | null> {
  // Deleting whole days of a large log may take longer than an ordinary statement's deadline.
  await q(`SELECT set_config('statement_timeout', '0', true) AS unlimited`);
  const [keep] = await q<{ first: string | null }>(
    `SELECT min(id)::text AS first FROM "AuditEvent" WHERE time >= $1::timestamptz AT TIME ZONE 'UTC'`,
    [cutoff],
  );
  // Everything before the first event still inside the period (or everything, if none is).
  const [last] = keep.first
    ? await q<{ id: string; hash: string | null }>(
        `SELECT id::text AS id, hash FROM "AuditEvent" WHERE id < $1::bigint ORDER BY "AuditEvent".id DESC LIMIT 1`,
        [keep.first],
      )
    : await q<{ id: string; hash: string | null }>(
        `SELECT id::text AS id, hash FROM "AuditEvent" ORDER BY "AuditEvent".id DESC LIMIT 1`,
      );
  if (!last) return null;
  await q(`SELECT set_config('portcullis.audit_retention', 'on', true) AS retention`);
  const [del] = await q<{ n: number }>(
    `WITH d AS (DELETE FROM "AuditEvent" WHERE id <= $1::bigint RETURNING 1) SELECT count(*)::int AS n FROM d`,
    [last.id],
    { timeoutMs: 3_600_000 },
  );
  await q(`SELECT set_config('portcullis.audit_retention', 'off', true) AS retention`);
  await q(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
    [anchorKey, JSON.stringify({ lastDeletedId: last.id, hash: last.hash })],
  );
  return { deleted: del.n, lastDeletedId: last.id };
}
