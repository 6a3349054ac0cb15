import crypto from "node:crypto";
import { verifyJws } from "../registry/jwt";
import { checkLink, type ChainedRow, type LinkProblem } from "./chain";

/**
 * What an auditor needs off-line, with no access to the database: the checkpoint's format, its
 * signature check against certs.pem, and the walk of an exported log (JSON lines) against it.
 */
export const CHECKPOINT_TYPE = "portcullis-audit-checkpoint";

export interface Checkpoint {
  typ: typeof CHECKPOINT_TYPE;
  iss: string;
  /** Seconds since the epoch. */
  iat: number;
  lastId: string;
  head: string;
  /** Events stored up to lastId when signed. */
  count: number;
  /** The last event retention had deleted by then (null: none): counts compare only while it stays the same. */
  retainedAfter: string | null;
}

/** The checkpoint, if `jws` is one signed by a key whose certificate is among `certificates` (PEM). */
export function verifyCheckpointSignature(jws: string, certificates: string): Checkpoint | null {
  const pems = certificates.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  for (const pem of pems) {
    const payload = verifyJws<Checkpoint>(jws, new crypto.X509Certificate(pem).publicKey);
    if (payload?.typ === CHECKPOINT_TYPE) return payload;
  }
  return null;
}

export interface OfflineReport {
  ok: boolean;
  checkpoint: Checkpoint | null;
  checked: number;
  firstBroken?: LinkProblem;
  problem?: string;
}

/**
 * Verifies an export (every event, oldest first or in any order) against a checkpoint and the
 * instance's certificates: the signature, every link of the chain within the export, and that the
 * export holds the signed head with the signed hash and, from the chain's start, the signed count.
 */
export function verifyExport(jws: string, certificates: string, rows: ChainedRow[]): OfflineReport {
  const checkpoint = verifyCheckpointSignature(jws, certificates);
  if (!checkpoint)
    return {
      ok: false,
      checkpoint: null,
      checked: 0,
      problem: "the checkpoint's signature does not verify with these certificates",
    };
  const sorted = [...rows].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  let prev = sorted[0]?.prevHash ?? null;
  let checked = 0;
  for (const r of sorted) {
    const broken = checkLink(prev, r);
    if (broken)
      return { ok: false, checkpoint, checked, firstBroken: broken, problem: `event ${broken.id}: ${broken.problem}` };
    prev = r.hash;
    checked++;
  }
  const head = sorted.find((r) => r.id === checkpoint.lastId);
  if (!head)
    return {
      ok: false,
      checkpoint,
      checked,
      problem: `event ${checkpoint.lastId}, the signed head, is not in the log: it was cut short`,
    };
  if (head.hash !== checkpoint.head)
    return {
      ok: false,
      checkpoint,
      checked,
      problem: `event ${checkpoint.lastId} does not have the signed hash: the log was rewritten`,
    };
  const fromStart = sorted[0]?.prevHash === null && checkpoint.retainedAfter === null;
  const upTo = sorted.filter((r) => BigInt(r.id) <= BigInt(checkpoint.lastId)).length;
  if (fromStart && upTo !== checkpoint.count)
    return {
      ok: false,
      checkpoint,
      checked,
      problem: `${checkpoint.count} events up to ${checkpoint.lastId} were signed, the log has ${upTo}`,
    };
  return { ok: true, checkpoint, checked };
}
