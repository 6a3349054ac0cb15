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
