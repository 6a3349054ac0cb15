import type { Prisma } from "../db/client";
import { db } from "../db/client";
import { chainHash } from "./chain";
import { sanitizeText } from "./sanitize";
import type { AuditInput } from "./types";

type Tx = Prisma.TransactionClient;
const CHAIN_LOCK = 7413_2026;

function toJson(v: unknown): Prisma.InputJsonValue | undefined {
  return v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);
}

/**
 * Appends events inside the caller's transaction (so a change and its record commit together),
 * each hash-chained to the previous one. An advisory lock orders concurrent writers.
 */
export async function appendAudit(tx: Tx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  let prev = last?.hash ?? null;
  const rows = events.map((e) => {
    const time = e.time ?? new Date();
    const clean = {
      ...e,
      time,
      reason: sanitizeText(e.reason),
      userAgent: sanitizeText(e.userAgent),
      actorName: sanitizeText(e.actorName),
      requested: toJson(e.requested),
      granted: toJson(e.granted),
      details: toJson(e.details),
    };
    const hash = chainHash(prev, { ...clean, requested: clean.requested ?? null, granted: clean.granted ?? null, details: clean.details ?? null });
    const row = { ...clean, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
}

/** Records events in a transaction of their own (decisions that change nothing else). */
export async function recordAudit(events: readonly AuditInput[]): Promise<void> {
  await db().$transaction((tx) => appendAudit(tx, events));
}
