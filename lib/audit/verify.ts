import { auditEventsAscending } from "../db/audit-events";
import { ANCHOR_KEY, readAnchor, type ChainAnchor } from "./anchor";
import { checkAgainstCheckpoint, type CheckpointReport } from "./checkpoint";
import { checkLink, type ChainedRow, type LinkProblem } from "./chain";

export interface ChainReport {
  /** The chain is whole and agrees with the checkpoint (if any). */
  ok: boolean;
  checked: number;
  anchor: ChainAnchor | null;
  firstBroken?: LinkProblem;
  /** The log against a signed checkpoint of its head: a cut-off or recomputed tail shows here. */
  checkpoint: CheckpointReport | null;
}

export { ANCHOR_KEY, readAnchor, type ChainAnchor };

/**
 * Walks the whole chain in id order and recomputes every hash: an event changed in the database
 * ("altered") or one removed or inserted out of turn ("link") is reported at the first place it shows.
 */
export async function verifyChain(opts: { checkpoint?: string } = {}): Promise<ChainReport> {
  const anchor = await readAnchor();
  const report = await walkChain(anchor);
  const checkpoint = await checkAgainstCheckpoint(opts.checkpoint);
  return { ...report, anchor, checkpoint, ok: report.ok && (checkpoint?.ok ?? true) };
}

async function walkChain(anchor: ChainAnchor | null): Promise<Pick<ChainReport, "ok" | "checked" | "firstBroken">> {
  let prev: string | null = anchor?.hash ?? null;
  let checked = 0;
  for await (const rows of auditEventsAscending({}, 5000)) {
    for (const r of rows) {
      const broken = checkLink(prev, r as unknown as ChainedRow);
      if (broken) return { ok: false, checked, firstBroken: broken };
      prev = r.hash;
      checked++;
    }
  }
  return { ok: true, checked };
}
