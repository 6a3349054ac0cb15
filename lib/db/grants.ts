import type { GrantRule, SubjectKind } from "../registry/authorize";
import type { Prisma } from "./client";
import { db, sql } from "./client";
import { paged, type PageRequest } from "./paging";
import { rulesSql, toRules, type RuleRow } from "./credential-lookup";

type Tx = Prisma.TransactionClient;

export const grantSelect = {
  id: true,
  subjectType: true,
  repository: true,
  actions: true,
  createdAt: true,
  expiresAt: true,
  user: { select: { id: true, username: true } },
  team: { select: { id: true, name: true } },
  serviceAccount: { select: { id: true, name: true, team: { select: { name: true } } } },
  registry: { select: { id: true, name: true } },
} as const;
export type GrantRow = Prisma.GrantGetPayload<{ select: typeof grantSelect }>;

/** Every rule that applies to a user: their own grants, their teams' grants and public ones. */
export async function loadUserRules(userId: string): Promise<readonly GrantRule[]> {
  return toRules(await sql().query<RuleRow>(rulesSql("$1::uuid", "NULL::uuid"), [userId]));
}

export async function loadServiceAccountRules(serviceAccountId: string): Promise<readonly GrantRule[]> {
  return toRules(await sql().query<RuleRow>(rulesSql("NULL::uuid", "$1::uuid"), [serviceAccountId]));
}

export async function loadPublicRules(): Promise<readonly GrantRule[]> {
  return toRules(await sql().query<RuleRow>(rulesSql("NULL::uuid", "NULL::uuid")));
}

const grantOrder = [
  { repository: "asc" },
  { createdAt: "asc" },
  { id: "asc" },
] as const satisfies Prisma.GrantOrderByWithRelationInput[];

/** Grants still in force at `now` (not yet expired; the sweep removes expired ones a little later). */
export const liveGrant = (now = new Date()): Prisma.GrantWhereInput => ({
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

export function listGrants(where: Prisma.GrantWhereInput = {}, tx: Tx = db()) {
  return tx.grant.findMany({ where, select: grantSelect, orderBy: grantOrder });
}

/** One page of the grants matching `where`, by repository. */
export function listGrantsPage(where: Prisma.GrantWhereInput, page: PageRequest) {
  return paged(page, (p) => db().grant.findMany({ where, select: grantSelect, orderBy: grantOrder, ...p }));
}

/** Grants that apply to this registry only (a registry with some cannot be deleted). */
export function countGrantsBoundTo(registryId: string) {
  return db().grant.count({ where: { registryId } });
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
    expiresAt?: Date | null;
    registryId?: string | null;
  },
) {
  return tx.grant.create({ data, select: grantSelect });
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

/** Expired grants, removed under the caller's transaction (its lock keeps replicas from sweeping twice). */
export async function takeLapsedGrants(tx: Tx, now: Date): Promise<GrantRow[]> {
  const lapsed = await tx.grant.findMany({
    where: { expiresAt: { lte: now } },
    select: grantSelect,
    orderBy: grantOrder,
    take: 500,
  });
  if (lapsed.length) await tx.grant.deleteMany({ where: { id: { in: lapsed.map((g) => g.id) } } });
  return lapsed;
}

/** The grants matching `where` replaced by these (a policy import), inside the caller's transaction. */
export async function replaceGrants(
  tx: Tx,
  where: Prisma.GrantWhereInput,
  grants: Prisma.GrantCreateManyInput[],
): Promise<void> {
  await tx.grant.deleteMany({ where });
  await tx.grant.createMany({ data: grants });
}
