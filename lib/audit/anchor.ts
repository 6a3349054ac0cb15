import { db } from "../db/client";

export const ANCHOR_KEY = "auditChainAnchor";
export interface ChainAnchor {
  /** The last event retention deleted, and its hash: where the remaining chain starts. */
  lastDeletedId: string;
  hash: string;
}

export async function readAnchor(): Promise<ChainAnchor | null> {
  const row = await db().setting.findUnique({ where: { key: ANCHOR_KEY } });
  return (row?.value as ChainAnchor | undefined) ?? null;
}
