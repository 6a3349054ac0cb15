import { sql, type Tx } from "./client";
import { HASHED_FIELDS } from "../audit/types";
import { literal, type Query } from "./sql";

/**
 * The audit chain's statements. The chain's rules (what is hashed, in which order, retention as a
 * prefix) are lib/audit's; this module only says them in SQL.
 */
const CHAIN_LOCK = 7413_2026;

/** The columns an append writes, in order. */
export const CHAIN_COLUMNS = [...HASHED_FIELDS, "prevHash", "hash"] as const;
export type ChainColumn = (typeof CHAIN_COLUMNS)[number];
const columnList = CHAIN_COLUMNS.map((c) => `"${c}"`).join(", ");
/** Every row in one parameter: a JSON array expanded by PostgreSQL into the table's row type. */
const INSERT_SQL = `INSERT INTO "AuditEvent" (${columnList})
  SELECT ${columnList} FROM json_populate_recordset(NULL::"AuditEvent", $1::json)`;

/** A transaction of the chain's own (plain SQL on the hot path's pool). */
export const chainTransaction = <T>(work: (q: Query) => Promise<T>): Promise<T> => sql().transaction(work);

/** Plain SQL inside a Prisma transaction, so a change and its audit record commit together. */
export const queryOn =
  (tx: Tx): Query =>
  (text, params) =>
    tx.$queryRawUnsafe(text, ...(params ?? []));

/** Orders every writer of the chain (appends and retention) until the transaction ends. */
export async function lockChain(q: Query): Promise<void> {
  await q(LOCK_SQL);
}

const LOCK_SQL = `SELECT 1 AS locked FROM pg_advisory_xact_lock(${CHAIN_LOCK})`;
const LAST_HASH_SQL = `SELECT hash FROM (
       (SELECT hash, 0 AS o FROM "AuditEvent" ORDER BY id DESC LIMIT 1)
       UNION ALL (SELECT value->>'hash', 1 FROM "Setting" WHERE key = 'auditChainAnchor')
     ) c ORDER BY o LIMIT 1`;

/** The chain's last hash: the newest event's, or after retention emptied the table, its anchor's. */
export async function lastChainHash(q: Query): Promise<string | null> {
  const [last] = await q<{ hash: string | null }>(LAST_HASH_SQL);
  return last?.hash ?? null;
}

/**
 * An append in its own transaction in two round trips where the database allows (PostgreSQL):
 * BEGIN, the lock and the last hash in one; the rows (made from that hash) and COMMIT in the
 * other. Null where it does not (the embedded database): the caller takes the general path.
 */
export function appendInTwoSteps(
  rowsAfter: (prev: string | null) => Record<ChainColumn, unknown>[],
): Promise<void> | null {
  const twoStep = sql().twoStep;
  if (!twoStep) return null;
  return twoStep(`${LOCK_SQL}; ${LAST_HASH_SQL}`, (rows) => {
    const prev = (rows[0]?.hash as string | null | undefined) ?? null;
    const json = JSON.stringify(rowsAfter(prev));
    return `INSERT INTO "AuditEvent" (${columnList})
      SELECT ${columnList} FROM json_populate_recordset(NULL::"AuditEvent", ${literal(json)}::json)`;
  });
}

/** Which of these external ids (registry event ids) are stored already. */
export async function storedExternalIds(q: Query, ids: string[]): Promise<Set<string>> {
  const rows = await q<{ externalId: string }>(
    `SELECT "externalId" FROM "AuditEvent" WHERE "externalId" = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.externalId));
}

export async function insertChainRows(q: Query, rows: Record<ChainColumn, unknown>[]): Promise<void> {
  await q(INSERT_SQL, [JSON.stringify(rows)]);
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
