import type { GrantRule, SubjectKind } from "../registry/authorize";
import type { Prisma } from "./client";
import { db } from "./client";

type Tx = Prisma.TransactionClient;

export const grantSelect = {
  id: true,
  subjectType: true,
  repository: true,
  actions: true,
  createdAt: true,
  user: { select: { id: true, username: true } },
  team: { select: { id: true, name: true } },
  serviceAccount: { select: { id: true, name: true } },
} as const;
export type GrantRow = Prisma.GrantGetPayload<{ select: typeof grantSelect }>;

interface RuleRow {
  id: string;
  repository: string;
  actions: string[];
  subjectType: SubjectKind;
  name: string | null;
}

function toRules(rows: RuleRow[]): GrantRule[] {
  return rows.map((r) => ({
    id: r.id,
    repository: r.repository,
    actions: r.actions,
    via: { type: r.subjectType, name: r.name ?? "everyone" },
  }));
}

/**
 * Every rule that applies to a user: their own grants, their teams' grants and public ones.
 * One round trip: this runs on every token request.
 */
export async function loadUserRules(userId: string): Promise<GrantRule[]> {
  const rows = await db().$queryRaw<RuleRow[]>`
    SELECT g.id::text AS id, g.repository, g.actions, g."subjectType"::text AS "subjectType",
           COALESCE(u.username, t.name) AS name
      FROM "Grant" g
      LEFT JOIN "User" u ON u.id = g."userId"
      LEFT JOIN "Team" t ON t.id = g."teamId"
     WHERE g."userId" = ${userId}::uuid
        OR g."subjectType" = 'public'
        OR g."teamId" IN (SELECT m."teamId" FROM "TeamMembership" m WHERE m."userId" = ${userId}::uuid)`;
  return toRules(rows);
}

export async function loadServiceAccountRules(serviceAccountId: string): Promise<GrantRule[]> {
  const rows = await db().$queryRaw<RuleRow[]>`
    SELECT g.id::text AS id, g.repository, g.actions, g."subjectType"::text AS "subjectType", s.name AS name
      FROM "Grant" g
      LEFT JOIN "ServiceAccount" s ON s.id = g."serviceAccountId"
     WHERE g."serviceAccountId" = ${serviceAccountId}::uuid OR g."subjectType" = 'public'`;
  return toRules(rows);
}

export async function loadPublicRules(): Promise<GrantRule[]> {
  const rows = await db().$queryRaw<RuleRow[]>`
    SELECT g.id::text AS id, g.repository, g.actions, g."subjectType"::text AS "subjectType", NULL AS name
      FROM "Grant" g WHERE g."subjectType" = 'public'`;
  return toRules(rows);
}

export function listGrants(where: Prisma.GrantWhereInput = {}) {
  return db().grant.findMany({ where, select: grantSelect, orderBy: [{ repository: "asc" }, { createdAt: "asc" }] });
}

export function findGrantById(id: string) {
  return db().grant.findUnique({ where: { id }, select: grantSelect });
}

export function createGrant(
  tx: Tx,
  data: {
    subjectType: SubjectKind;
    userId?: string;
    teamId?: string;
    serviceAccountId?: string;
    repository: string;
    actions: string[];
    createdById?: string | null;
  },
) {
  return tx.grant.create({ data, select: grantSelect });
}

export function updateGrantActions(tx: Tx, id: string, actions: string[]) {
  return tx.grant.update({ where: { id }, data: { actions }, select: grantSelect });
}

export function deleteGrant(tx: Tx, id: string) {
  return tx.grant.delete({ where: { id }, select: grantSelect });
}

export function grantSubjectWhere(s: { type: SubjectKind; id?: string }): Prisma.GrantWhereInput {
  switch (s.type) {
    case "user":
      return { subjectType: "user", userId: s.id };
    case "team":
      return { subjectType: "team", teamId: s.id };
    case "service_account":
      return { subjectType: "service_account", serviceAccountId: s.id };
    case "public":
      return { subjectType: "public" };
  }
}
