import type { Prisma } from "./client";
import { db } from "./client";

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  repository?: string;
  /** Match the repository as a prefix ("team/" finds team/app and team/web). */
  repositoryPrefix?: boolean;
  action?: string;
  outcome?: string;
  q?: string;
}

export function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(f.from || f.to ? { time: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.actor ? { actorName: f.actor } : {}),
    ...(f.repository ? { repository: f.repositoryPrefix ? { startsWith: f.repository } : f.repository } : {}),
    ...(f.action ? { action: f.action.endsWith(".") ? { startsWith: f.action } : f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.q ? { reason: { contains: f.q, mode: "insensitive" } } : {}),
  };
}

/** Newest first, keyset-paginated on the id (stays fast deep into the history). */
export async function listAuditEvents(f: AuditFilter, opts: { before?: bigint; limit: number }) {
  const rows = await db().auditEvent.findMany({
    where: { ...auditWhere(f), ...(opts.before ? { id: { lt: opts.before } } : {}) },
    orderBy: { id: "desc" },
    take: opts.limit + 1,
  });
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  return { events: page, nextCursor: more ? page[page.length - 1].id.toString() : null };
}

export function findAuditEvent(id: bigint) {
  return db().auditEvent.findUnique({ where: { id } });
}
