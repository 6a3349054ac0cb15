import { db, type Prisma, type Tx } from "./client";
import { paged, type PageRequest } from "./paging";

export const accessRequestSelect = {
  id: true,
  repository: true,
  actions: true,
  reason: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  decidedByName: true,
  decidedAt: true,
  note: true,
  grantId: true,
  grantedRepository: true,
  grantedActions: true,
  grantExpiresAt: true,
  requesterId: true,
  requester: { select: { username: true, disabled: true } },
} as const;
export type AccessRequestRow = Prisma.AccessRequestGetPayload<{ select: typeof accessRequestSelect }>;

const newestFirst = [
  { createdAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.AccessRequestOrderByWithRelationInput[];

/** Pending and not yet lapsed at `now` (the sweep marks lapsed ones expired a little later). */
export const openRequest = (now = new Date()): Prisma.AccessRequestWhereInput => ({
  status: "pending",
  expiresAt: { gt: now },
});

export function listAccessRequestsPage(where: Prisma.AccessRequestWhereInput, page: PageRequest) {
  return paged(page, (p) =>
    db().accessRequest.findMany({ where, select: accessRequestSelect, orderBy: newestFirst, ...p }),
  );
}

export function findAccessRequest(where: Prisma.AccessRequestWhereUniqueInput, tx: Tx = db()) {
  return tx.accessRequest.findUnique({ where, select: accessRequestSelect });
}

export function listOpenRequestsOf(tx: Tx, requesterId: string) {
  return tx.accessRequest.findMany({
    where: { requesterId, ...openRequest() },
    select: accessRequestSelect,
    orderBy: newestFirst,
  });
}

export function createAccessRequest(
  tx: Tx,
  data: { requesterId: string; repository: string; actions: string[]; reason: string; expiresAt: Date },
) {
  return tx.accessRequest.create({ data, select: accessRequestSelect });
}

export function updateAccessRequest(tx: Tx, id: string, data: Prisma.AccessRequestUpdateInput) {
  return tx.accessRequest.update({ where: { id }, data, select: accessRequestSelect });
}

/** Pending requests past their expiry, marked expired under the caller's transaction. */
export async function takeLapsedRequests(tx: Tx, now: Date): Promise<AccessRequestRow[]> {
  const lapsed = await tx.accessRequest.findMany({
    where: { status: "pending", expiresAt: { lte: now } },
    select: accessRequestSelect,
    orderBy: newestFirst,
    take: 500,
  });
  if (lapsed.length)
    await tx.accessRequest.updateMany({
      where: { id: { in: lapsed.map((r) => r.id) }, status: "pending" },
      data: { status: "expired", decidedAt: now },
    });
  return lapsed;
}
