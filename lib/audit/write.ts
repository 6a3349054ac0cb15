import {
  appendInTwoSteps,
  CHAIN_COLUMNS,
  chainTransaction,
  insertChainRows,
  lastChainHash,
  lockChain,
  queryOn,
  storedExternalIds,
  type ChainColumn,
} from "../db/audit-chain";
import type { Tx } from "../db/client";
import type { Query } from "../db/sql";
import { chainHash } from "./chain";
import { sanitizeJson, sanitizeText } from "./sanitize";
import type { AuditInput } from "./types";
import { metrics } from "../metrics/instruments";

export { lockChain };

function toJson(v: unknown): unknown {
  return v === undefined || v === null ? null : sanitizeJson(JSON.parse(JSON.stringify(v)));
}

/** The free-text columns: whatever a client sent, stored as visible text that PostgreSQL accepts. */
const TEXT = [
  "actorName",
  "credential",
  "action",
  "reason",
  "repository",
  "tag",
  "digest",
  "clientIp",
  "userAgent",
  "requestId",
  "externalId",
] as const;

/** The rows to store, each hash-chained to its predecessor, starting after `prev`. */
export function chainRows(prev: string | null, events: readonly AuditInput[]): Record<ChainColumn, unknown>[] {
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
    const row = Object.fromEntries(
      CHAIN_COLUMNS.map((c) => [c, (clean as Record<string, unknown>)[c] ?? null]),
    ) as Record<ChainColumn, unknown>;
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
  await insertChainRows(query, chainRows(await lastChainHash(query), fresh));
  return fresh.length;
}

/**
 * Events with an external id (the registry's own event id) are stored once: a retried or
 * duplicated notification is dropped here, under the chain lock, before it is hashed in.
 */
async function withoutStored(query: Query, events: readonly AuditInput[]): Promise<AuditInput[]> {
  const ids = [...new Set(events.map((e) => e.externalId).filter((x): x is string => Boolean(x)))];
  if (ids.length === 0) return [...events];
  const stored = await storedExternalIds(query, ids);
  const fresh = events.filter((e) => {
    if (!e.externalId) return true;
    if (stored.has(e.externalId)) return false;
    stored.add(e.externalId);
    return true;
  });
  const duplicates = events.length - fresh.length;
  if (duplicates > 0) metrics().notifications.inc({ result: "duplicate" }, duplicates);
  return fresh;
}

/** Appends events inside the caller's Prisma transaction, so a change and its record commit together. */
export function appendAudit(tx: Tx, events: readonly AuditInput[]): Promise<number> {
  return appendAuditWith(queryOn(tx), events);
}

/**
 * Records events in a transaction of their own (decisions that change nothing else): the token
 * endpoint's group commits. Without registry event ids (nothing to deduplicate) in two round
 * trips where the database allows; otherwise, and on the embedded database, the general path.
 */
export async function recordAudit(events: readonly AuditInput[]): Promise<number> {
  if (events.length === 0) return 0;
  const quick = events.some((e) => e.externalId) ? null : appendInTwoSteps((prev) => chainRows(prev, events));
  if (quick) {
    await quick;
    return events.length;
  }
  return chainTransaction((query) => appendAuditWith(query, events));
}
