import type { Prisma } from "../db/client";
import { sql } from "../db/client";
import type { Query } from "../db/sql";
import { chainHash } from "./chain";
import { sanitizeJson, sanitizeText } from "./sanitize";
import type { AuditInput } from "./types";

type Tx = Prisma.TransactionClient;
const CHAIN_LOCK = 7413_2026;

const COLUMNS = [
  "time", "actorId", "actorName", "actorKind", "credential", "action", "outcome", "reason", "repository", "tag",
  "digest", "requested", "granted", "details", "clientIp", "userAgent", "requestId", "externalId", "prevHash", "hash",
] as const;
const columnList = COLUMNS.map((c) => `"${c}"`).join(", ");
/** Every row in one parameter: a JSON array expanded by PostgreSQL into the table's row type. */
const INSERT_SQL = `INSERT INTO "AuditEvent" (${columnList})
  SELECT ${columnList} FROM json_populate_recordset(NULL::"AuditEvent", $1::json)`;

function toJson(v: unknown): unknown {
  return v === undefined || v === null ? null : sanitizeJson(JSON.parse(JSON.stringify(v)));
}

/** The free-text columns: whatever a client sent, stored as visible text that PostgreSQL accepts. */
const TEXT = ["actorName", "credential", "action", "reason", "repository", "tag", "digest", "clientIp", "userAgent", "requestId", "externalId"] as const;

/** The rows to store, each hash-chained to its predecessor, starting after `prev`. */
export function chainRows(prev: string | null, events: readonly AuditInput[]): Record<(typeof COLUMNS)[number], unknown>[] {
  return events.map((e) => {
    const clean = {
      ...e,
      ...Object.fromEntries(TEXT.map((k) => [k, sanitizeText(e[k])])),
      time: e.time ?? new Date(),
      requested: toJson(e.requested),
      granted: toJson(e.granted),
      details: toJson(e.details),
    };
    const hash = chainHash(prev, clean as AuditInput & { time: Date });
    const row = Object.fromEntries(COLUMNS.map((c) => [c, (clean as Record<string, unknown>)[c] ?? null])) as Record<(typeof COLUMNS)[number], unknown>;
    row.prevHash = prev;
    row.hash = hash;
    prev = hash;
    return row;
  });
}

/**
 * Appends events on `query`'s transaction, hash-chained to the last stored event. An advisory
 * lock held until commit orders concurrent writers, so the chain never forks.
 */
export async function appendAuditWith(query: Query, events: readonly AuditInput[]): Promise<number> {
  if (events.length === 0) return 0;
  await lockChain(query);
  const fresh = await withoutStored(query, events);
  if (fresh.length === 0) return 0;
  // The chain continues from the last event; after retention emptied the table, from its anchor.
  const [last] = await query<{ hash: string | null }>(
    `SELECT hash FROM (
       (SELECT hash, 0 AS o FROM "AuditEvent" ORDER BY id DESC LIMIT 1)
       UNION ALL (SELECT value->>'hash', 1 FROM "Setting" WHERE key = 'auditChainAnchor')
     ) c ORDER BY o LIMIT 1`,
  );
  await query(INSERT_SQL, [JSON.stringify(chainRows(last?.hash ?? null, fresh))]);
  return fresh.length;
}

/** Orders every writer of the chain (appends and retention) until the transaction ends. */
export async function lockChain(query: Query): Promise<void> {
  await query(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

/**
 * Events with an external id (the registry's own event id) are stored once: a retried or
 * duplicated notification is dropped here, under the chain lock, before it is hashed in.
 */
async function withoutStored(query: Query, events: readonly AuditInput[]): Promise<AuditInput[]> {
  const ids = [...new Set(events.map((e) => e.externalId).filter((x): x is string => Boolean(x)))];
  if (ids.length === 0) return [...events];
  const stored = new Set(
    (await query<{ externalId: string }>(`SELECT "externalId" FROM "AuditEvent" WHERE "externalId" = ANY($1::text[])`, [ids])).map((r) => r.externalId),
  );
  return events.filter((e) => {
    if (!e.externalId) return true;
    if (stored.has(e.externalId)) return false;
    stored.add(e.externalId);
    return true;
  });
}

/** Appends events inside the caller's Prisma transaction, so a change and its record commit together. */
export function appendAudit(tx: Tx, events: readonly AuditInput[]): Promise<number> {
  return appendAuditWith((text, params) => tx.$queryRawUnsafe(text, ...(params ?? [])), events);
}

/** Records events in a transaction of their own (decisions that change nothing else). */
export function recordAudit(events: readonly AuditInput[]): Promise<number> {
  return sql().transaction((query) => appendAuditWith(query, events));
}
