import { appendChain, lockChain, queryOn, standalone, type ChainColumn } from "../db/audit-chain";
import type { Tx } from "../db/client";
import type { Query } from "../db/sql";
import { eventBody, linkHash } from "./chain";
import { sanitizeText } from "./sanitize";
import type { AuditInput } from "./types";
import { metrics } from "../metrics/instruments";

export { lockChain };

/** The free-text columns: whatever a client sent, stored as visible text that PostgreSQL accepts. */
export const TEXT_FIELDS = [
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

/** One event as the append receives it: its hashed fields, cleaned, as canonical JSON. */
export function auditBody(e: AuditInput): string {
  const clean: Record<string, unknown> = { ...e, time: e.time ?? new Date() };
  for (const k of TEXT_FIELDS) clean[k] = sanitizeText(e[k]);
  return eventBody(clean as unknown as AuditInput & { time: Date });
}

/**
 * The rows the database's append stores for `events` after `prev`, computed here: what a forged
 * history recomputes (tests), and what the database's links are held equal to.
 */
export function chainRows(prev: string | null, events: readonly AuditInput[]): Record<ChainColumn, unknown>[] {
  return events.map((e) => {
    const b = auditBody(e);
    const hash = linkHash(prev, b);
    const row = { ...JSON.parse(b), prevHash: prev, hash } as Record<ChainColumn, unknown>;
    prev = hash;
    return row;
  });
}

/**
 * Appends events on `query` (a transaction's, or the pool's for a transaction of their own),
 * hash-chained to the last stored event, in one statement. Events with an external id (the
 * registry's own event id) are stored once: a retried or duplicated notification is dropped
 * under the chain's lock, before it is hashed in.
 */
export function appendAuditWith(query: Query, events: readonly AuditInput[]): Promise<number> {
  return appendBodiesWith(query, events.map(auditBody));
}

/** The same, for events already rendered by auditBody (or a template of it: ./body-template.ts). */
async function appendBodiesWith(query: Query, bodies: string[]): Promise<number> {
  if (bodies.length === 0) return 0;
  const n = await appendChain(query, bodies);
  if (n < bodies.length) metrics().notifications.inc({ result: "duplicate" }, bodies.length - n);
  return n;
}

/** Appends events inside the caller's Prisma transaction, so a change and its record commit together. */
export function appendAudit(tx: Tx, events: readonly AuditInput[]): Promise<number> {
  return appendAuditWith(queryOn(tx), events);
}

/**
 * Records events in a transaction of their own (decisions that change nothing else): the token
 * endpoint's group commits. One round trip; the chain's lock is held only inside the database.
 */
export function recordAudit(events: readonly AuditInput[]): Promise<number> {
  return appendAuditWith(standalone, events);
}

/** recordAudit for rendered bodies: the group commit's write. */
export function recordBodies(bodies: string[]): Promise<number> {
  return appendBodiesWith(standalone, bodies);
}
