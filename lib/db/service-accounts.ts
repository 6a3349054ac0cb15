import type { Prisma } from "./client";
import { db } from "./client";
import { paged, type PageRequest } from "./paging";

type Tx = Prisma.TransactionClient;

export const serviceAccountSelect = {
  id: true,
  name: true,
  description: true,
  disabled: true,
  teamId: true,
  createdById: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
} as const;

export function findServiceAccountByName(name: string) {
  return db().serviceAccount.findUnique({ where: { name }, select: serviceAccountSelect });
}

/** One page of service accounts by name (of these teams only, when `teams` is given). */
export function listServiceAccounts(page: PageRequest, teams?: string[]) {
  const where = teams ? { team: { name: { in: teams } } } : {};
  return paged(page, (p) =>
    db().serviceAccount.findMany({
      where,
      select: serviceAccountSelect,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...p,
    }),
  );
}

export function createServiceAccount(
  tx: Tx,
  data: { name: string; description?: string; teamId?: string | null; createdById?: string | null },
) {
  return tx.serviceAccount.create({ data, select: serviceAccountSelect });
}

export function updateServiceAccount(tx: Tx, id: string, data: Prisma.ServiceAccountUpdateInput) {
  return tx.serviceAccount.update({ where: { id }, data, select: serviceAccountSelect });
}

export function deleteServiceAccount(tx: Tx, id: string) {
  return tx.serviceAccount.delete({ where: { id }, select: serviceAccountSelect });
}

/** Users and service accounts share one name space (both are `docker login` names). */
export async function accountNameTaken(name: string): Promise<boolean> {
  const [u, s] = await Promise.all([
    db().user.findUnique({ where: { username: name }, select: { id: true } }),
    db().serviceAccount.findUnique({ where: { name }, select: { id: true } }),
  ]);
  return Boolean(u || s);
}

/** Enabled service accounts, by name (for generated files). */
export function listEnabledServiceAccounts(where: Prisma.ServiceAccountWhereInput = {}) {
  return db().serviceAccount.findMany({
    where: { disabled: false, ...where },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export function listDisabledServiceAccountNames() {
  return db().serviceAccount.findMany({ where: { disabled: true }, select: { name: true } });
}

export function findServiceAccountIdsByName(names: string[]) {
  return db().serviceAccount.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
}
