import type { Prisma } from "./client";
import { db } from "./client";

type Tx = Prisma.TransactionClient;

/**
 * Token-signing keys. A key either signs for every registry without its own (registryId null, the
 * shared key) or for one registry only: each function takes the scope it works in.
 */
export type KeyScope = string | null;

export const signingKeySelect = {
  id: true,
  kid: true,
  algorithm: true,
  certificatePem: true,
  status: true,
  createdAt: true,
  retiredAt: true,
  activatedAt: true,
  registry: { select: { name: true } },
} as const;

/** The key that signs for a registry (by its service): its own active key, else the shared one. */
export function findActiveSigningKey(service?: string) {
  return db().signingKey.findFirst({
    where: {
      status: "active",
      OR: [{ registryId: null }, ...(service ? [{ registry: { service } }] : [])],
    },
    orderBy: [{ registryId: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    select: { ...signingKeySelect, privateKeyEnc: true },
  });
}

/** Keys of one scope whose certificates belong in a bundle: pending and active ones, and retired ones still verifying live tokens. */
export function listBundleKeys(scope: KeyScope, retiredSince: Date) {
  return db().signingKey.findMany({
    where: {
      registryId: scope,
      OR: [{ status: { in: ["active", "pending"] } }, { retiredAt: { gte: retiredSince } }],
    },
    select: signingKeySelect,
    orderBy: { createdAt: "desc" },
  });
}

export function listSigningKeys() {
  return db().signingKey.findMany({ select: signingKeySelect, orderBy: { createdAt: "desc" } });
}

export function insertSigningKey(
  tx: Tx,
  scope: KeyScope,
  data: { kid: string; algorithm: string; certificatePem: string; privateKeyEnc: string },
) {
  return tx.signingKey.create({ data: { ...data, registryId: scope }, select: signingKeySelect });
}

export function countActiveKeys(tx: Tx, scope: KeyScope) {
  return tx.signingKey.count({ where: { status: "active", registryId: scope } });
}

export function setKeyStatus(tx: Tx, id: string, status: "active" | "pending") {
  return tx.signingKey.update({
    where: { id },
    data: { status, retiredAt: null, activatedAt: status === "active" ? new Date() : null },
    select: { id: true },
  });
}

export function deletePendingKeys(tx: Tx, scope: KeyScope) {
  return tx.signingKey.deleteMany({ where: { status: "pending", registryId: scope } });
}

export function findPendingKey(tx: Tx, scope: KeyScope) {
  return tx.signingKey.findFirst({ where: { status: "pending", registryId: scope }, select: { id: true, kid: true } });
}

/** Retires every active key of the scope (it stays in the bundle until the tokens it signed expire); returns their kids. */
export async function retireActiveKeys(tx: Tx, scope: KeyScope): Promise<string[]> {
  const where = { status: "active" as const, registryId: scope };
  const active = await tx.signingKey.findMany({ where, select: { kid: true } });
  await tx.signingKey.updateMany({ where, data: { status: "retired", retiredAt: new Date() } });
  return active.map((k) => k.kid);
}
