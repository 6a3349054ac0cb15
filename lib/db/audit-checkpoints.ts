import { db, sql } from "./client";
import type { Query } from "./sql";

/** The chain's head as it stands on `q`'s transaction (call with the chain lock held), or null when empty. */
export async function readChainHead(q: Query): Promise<{ lastId: string; head: string; count: number } | null> {
  const [row] = await q<{ lastId: string; head: string; count: string }>(
    `SELECT e.id::text AS "lastId", e.hash AS head, (SELECT count(*) FROM "AuditEvent")::text AS count
       FROM "AuditEvent" e ORDER BY e.id DESC LIMIT 1`,
  );
  return row ? { lastId: row.lastId, head: row.head, count: Number(row.count) } : null;
}

export async function insertCheckpoint(
  q: Query,
  c: { lastId: string; count: number; head: string; kid: string; jws: string },
): Promise<void> {
  await q(
    `INSERT INTO "AuditCheckpoint" ("lastId", count, head, kid, jws) VALUES ($1::bigint, $2::bigint, $3, $4, $5)`,
    [c.lastId, c.count, c.head, c.kid, c.jws],
  );
}

export function latestCheckpointRow() {
  return db().auditCheckpoint.findFirst({ orderBy: { id: "desc" }, select: { jws: true, time: true } });
}

/** The event a checkpoint names, and how many events there are up to it now. */
export async function eventAt(id: string): Promise<{ hash: string | null; countUpTo: number } | null> {
  const [row] = await sql().query<{ hash: string | null; n: string }>(
    `SELECT e.hash, (SELECT count(*) FROM "AuditEvent" WHERE id <= $1::bigint)::text AS n FROM "AuditEvent" e WHERE e.id = $1::bigint`,
    [id],
  );
  return row ? { hash: row.hash, countUpTo: Number(row.n) } : null;
}

export function signingCertificate(kid: string) {
  return db().signingKey.findUnique({ where: { kid }, select: { certificatePem: true } });
}
