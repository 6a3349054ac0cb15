import type { Prisma } from "./client";
import { db } from "./client";

type Tx = Prisma.TransactionClient;

export const signingKeySelect = {
  id: true,
  kid: true,
  algorithm: true,
  certificatePem: true,
  status: true,
  createdAt: true,
  retiredAt: true,
} as const;

export function findActiveSigningKey() {
  return db().signingKey.findFirst({
    where: { status: "active" },
    orderBy: { createdAt: "desc" },
    select: { ...signingKeySelect, privateKeyEnc: true },
  });
}

/** Keys whose certificates belong in the registry's bundle: pending and active ones, and retired ones still verifying live tokens. */
export function listBundleKeys(retiredSince: Date) {
  return db().signingKey.findMany({
    where: { OR: [{ status: { in: ["active", "pending"] } }, { retiredAt: { gte: retiredSince } }] },
    select: signingKeySelect,
    orderBy: { createdAt: "desc" },
  });
}

export function listSigningKeys() {
  return db().signingKey.findMany({ select: signingKeySelect, orderBy: { createdAt: "desc" } });
}

export function insertSigningKey(
  tx: Tx,
  data: { kid: string; algorithm: string; certificatePem: string; privateKeyEnc: string },
) {
  return tx.signingKey.create({ data, select: signingKeySelect });
}

export function countActiveKeys(tx: Tx) {
  return tx.signingKey.count({ where: { status: "active" } });
}

export function setKeyStatus(tx: Tx, id: string, status: "active" | "pending") {
  return tx.signingKey.update({ where: { id }, data: { status, retiredAt: null }, select: { id: true } });
}

export function deletePendingKeys(tx: Tx) {
  return tx.signingKey.deleteMany({ where: { status: "pending" } });
}

export function findPendingKey(tx: Tx) {
  return tx.signingKey.findFirst({ where: { status: "pending" }, select: { id: true, kid: true } });
}

/** Retires every active key (it stays in the bundle until the tokens it signed expire); returns their kids. */
export async function retireActiveKeys(tx: Tx): Promise<string[]> {
  const active = await tx.signingKey.findMany({ where: { status: "active" }, select: { kid: true } });
  await tx.signingKey.updateMany({ where: { status: "active" }, data: { status: "retired", retiredAt: new Date() } });
  return active.map((k) => k.kid);
}
