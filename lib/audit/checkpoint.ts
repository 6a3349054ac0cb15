import { env } from "../config/env";
import {
  eventAt,
  insertCheckpoint,
  latestCheckpointRow,
  readChainHead,
  signingCertificate,
} from "../db/audit-checkpoints";
import { chainTransaction } from "../db/audit-chain";
import { logger } from "../log";
import { signJws } from "../registry/jwt";
import { activeSigner } from "../token-server/signer";
import { readAnchor } from "./anchor";
import { CHECKPOINT_TYPE, verifyCheckpointSignature, type Checkpoint } from "./checkpoint-offline";
import { lockChain } from "./write";

export { CHECKPOINT_TYPE, verifyCheckpointSignature, type Checkpoint };

/**
 * Signed checkpoints anchor the head of the audit chain. The hash chain alone shows an event
 * changed or removed in the middle, but not a tail cut off, nor a chain recomputed after an edit
 * by someone with the database (the hash is not keyed). A checkpoint states "event N was the
 * last, its hash was H, there were C events", signed with the instance's token-signing key,
 * which only the running instance can use (the key is stored encrypted). Auditors keep copies
 * (GET /api/v1/audit-events/checkpoint) and verify the log against them, here or off-line.
 */

/** Records a checkpoint of the chain as it stands; null when the log is empty. */
export async function recordCheckpoint(): Promise<{ checkpoint: Checkpoint; jws: string } | null> {
  const signer = await activeSigner();
  const anchor = await readAnchor();
  return chainTransaction(async (q) => {
    await lockChain(q); // the head cannot move while it is read and recorded
    const head = await readChainHead(q);
    if (!head) return null;
    const checkpoint: Checkpoint = {
      typ: CHECKPOINT_TYPE,
      iss: env().PORTCULLIS_ISSUER,
      iat: Math.floor(Date.now() / 1000),
      lastId: head.lastId,
      head: head.head,
      count: head.count,
      retainedAfter: anchor?.lastDeletedId ?? null,
    };
    const jws = signJws(checkpoint, signer, CHECKPOINT_TYPE);
    await insertCheckpoint(q, { ...head, kid: signer.kid, jws });
    return { checkpoint, jws };
  });
}

/** The newest checkpoint, recording the first one if there is none yet. */
export async function latestCheckpoint(): Promise<{ checkpoint: Checkpoint; jws: string } | null> {
  const row = await latestCheckpointRow();
  if (!row) return recordCheckpoint();
  return { checkpoint: decode(row.jws)!, jws: row.jws };
}

function decode(jws: string): Checkpoint | null {
  try {
    const payload = JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString()) as Checkpoint;
    return payload?.typ === CHECKPOINT_TYPE ? payload : null;
  } catch {
    return null;
  }
}

export interface CheckpointReport {
  ok: boolean;
  lastId: string | null;
  signedAt: string | null;
  problem?: "signature" | "truncated" | "rewritten" | "count";
  detail: string;
}

/** Compares the stored log with a checkpoint (the auditor's own copy, or the newest stored one). */
export async function checkAgainstCheckpoint(jws?: string): Promise<CheckpointReport | null> {
  const given = jws ?? (await latestCheckpointRow())?.jws;
  if (!given) return null;
  const header = (() => {
    try {
      return JSON.parse(Buffer.from(given.split(".")[0], "base64url").toString()) as { kid?: string };
    } catch {
      return {};
    }
  })();
  const cert = header.kid ? await signingCertificate(header.kid) : null;
  const cp = cert ? verifyCheckpointSignature(given, cert.certificatePem) : null;
  if (!cp) {
    return {
      ok: false,
      lastId: null,
      signedAt: null,
      problem: "signature",
      detail: "the checkpoint's signature does not verify with any of this instance's signing keys",
    };
  }
  const at = { lastId: cp.lastId, signedAt: new Date(cp.iat * 1000).toISOString() };
  const anchor = await readAnchor();
  if (anchor && BigInt(anchor.lastDeletedId) >= BigInt(cp.lastId)) {
    return {
      ok: true,
      ...at,
      detail: `retention has since deleted every event up to ${cp.lastId}: the chain verifies from its retention anchor`,
    };
  }
  const event = await eventAt(cp.lastId);
  if (!event) {
    return {
      ok: false,
      ...at,
      problem: "truncated",
      detail: `event ${cp.lastId}, the head signed at ${at.signedAt}, is missing: the log was cut short`,
    };
  }
  if (event.hash !== cp.head) {
    return {
      ok: false,
      ...at,
      problem: "rewritten",
      detail: `event ${cp.lastId} no longer has the hash signed at ${at.signedAt}: the chain up to it was rewritten`,
    };
  }
  if ((anchor?.lastDeletedId ?? null) === cp.retainedAfter && event.countUpTo !== cp.count) {
    return {
      ok: false,
      ...at,
      problem: "count",
      detail: `${cp.count} events up to ${cp.lastId} were signed, ${event.countUpTo} are stored`,
    };
  }
  return { ok: true, ...at, detail: `the log still holds event ${cp.lastId} with the hash signed at ${at.signedAt}` };
}

/** Records a checkpoint now and then every `everyMs` in this process (several instances may). */
export function scheduleCheckpoints(everyMs = 10 * 60_000): () => void {
  const run = () =>
    recordCheckpoint().catch((err) => logger.error("audit checkpoint failed", { error: (err as Error).message }));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
