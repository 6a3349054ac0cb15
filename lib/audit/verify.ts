import { auditEventsAscending, type AuditRow } from "../db/audit-events";
import { db } from "../db/client";
import { chainHash } from "./chain";
import type { AuditInput } from "./types";

export const ANCHOR_KEY = "auditChainAnchor";
export interface ChainAnchor {
  /** The last event retention deleted, and its hash: where the remaining chain starts. */
  lastDeletedId: string;
  hash: string;
}

export type ChainReport =
  | { ok: true; checked: number; anchor: ChainAnchor | null }
  | { ok: false; checked: number; anchor: ChainAnchor | null; firstBroken: { id: string; time: string; problem: "altered" | "link"; expected: string | null; found: string | null } };

export async function readAnchor(): Promise<ChainAnchor | null> {
  const row = await db().setting.findUnique({ where: { key: ANCHOR_KEY } });
  return (row?.value as ChainAnchor | undefined) ?? null;
}

const asInput = (r: AuditRow) => ({ ...r, time: new Date(r.time) }) as unknown as AuditInput & { time: Date };

/**
 * Walks the whole chain in id order and recomputes every hash: an event changed in the database
 * ("altered") or one removed or inserted out of turn ("link") is reported at the first place it shows.
 */
export async function verifyChain(): Promise<ChainReport> {
  const anchor = await readAnchor();
  let prev: string | null = anchor?.hash ?? null;
  let checked = 0;
  for await (const rows of auditEventsAscending({}, 5000)) {
    for (const r of rows) {
      if (r.prevHash !== prev) {
        return { ok: false, checked, anchor, firstBroken: { id: r.id, time: r.time, problem: "link", expected: prev, found: r.prevHash } };
      }
      const hash = chainHash(prev, asInput(r));
      if (hash !== r.hash) {
        return { ok: false, checked, anchor, firstBroken: { id: r.id, time: r.time, problem: "altered", expected: hash, found: r.hash } };
      }
      prev = r.hash;
      checked++;
    }
  }
  return { ok: true, checked, anchor };
}
