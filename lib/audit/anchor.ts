import { readSetting } from "../db/settings";

export const ANCHOR_KEY = "auditChainAnchor";
export interface ChainAnchor {
  /** The last event retention deleted, and its hash: where the remaining chain starts. */
  lastDeletedId: string;
  hash: string;
}

export async function readAnchor(): Promise<ChainAnchor | null> {
  return ((await readSetting(ANCHOR_KEY)) as ChainAnchor | null) ?? null;
}
