import crypto from "node:crypto";
import { open, seal } from "../crypto/secret-box";
import { transaction } from "../db/client";
import { lockForTransaction } from "../db/locks";
import {
  countActiveKeys,
  deletePendingKeys,
  findActiveSigningKey,
  findPendingKey,
  insertSigningKey,
  listBundleKeys,
  retireActiveKeys,
  setKeyStatus,
} from "../db/signing-keys";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import type { Signer } from "../registry/jwt";
import { generateSigningKey, type SigningAlgorithm } from "../registry/signing-key";
import { runtimeSecrets } from "../runtime-secrets";
import { getSettings } from "../settings";

/**
 * The active signing key, decrypted once; which key is active is re-read every 5 s, so a rotation
 * made on another instance signs every instance's tokens within seconds.
 */
const slot = globalThis as unknown as { __portcullisSigner?: { at: number; signer: Signer } };
const REFRESH_MS = 5_000;

/** Drops the cached signer: the next use reads (and decrypts) the active key again. */
export function forgetSigner(): void {
  slot.__portcullisSigner = undefined;
}

export async function activeSigner(): Promise<Signer> {
  const c = slot.__portcullisSigner;
  if (c && Date.now() - c.at < REFRESH_MS) return c.signer;
  const row = await findActiveSigningKey();
  if (!row) throw new Error("no active signing key: start Portcullis once to create one");
  if (c && c.signer.kid === row.kid) {
    slot.__portcullisSigner = { at: Date.now(), signer: c.signer };
    return c.signer;
  }
  const signer: Signer = {
    algorithm: row.algorithm as SigningAlgorithm,
    kid: row.kid,
    key: crypto.createPrivateKey(open(row.privateKeyEnc, runtimeSecrets().encryptionKey)),
  };
  slot.__portcullisSigner = { at: Date.now(), signer };
  return signer;
}

/** Every change to the set of signing keys holds this lock, so the steps never interleave. */
const KEYS_LOCK = "signing-keys";

function sealedKey(alg: SigningAlgorithm) {
  const k = generateSigningKey(alg);
  return {
    kid: k.kid,
    algorithm: k.algorithm,
    certificatePem: k.certificatePem,
    privateKeyEnc: seal(k.privateKeyPem, runtimeSecrets().encryptionKey),
  };
}

/** First start: one active key. */
export async function ensureSigningKey(alg: SigningAlgorithm = "ES256"): Promise<void> {
  if (await findActiveSigningKey()) return;
  await transaction(async (tx) => {
    // Replicas starting together: one creates the key, the others find it.
    await lockForTransaction(tx, KEYS_LOCK);
    if (await countActiveKeys(tx)) return;
    const key = await insertSigningKey(tx, sealedKey(alg));
    await setKeyStatus(tx, key.id, "active");
    await appendAudit(tx, [
      {
        actorKind: "system",
        actorName: "portcullis",
        action: "signing_key.create",
        outcome: "success",
        details: { kid: key.kid, algorithm: alg },
      },
    ]);
  });
}

/**
 * Rotation, step 1: a pending key joins the bundle (certs.pem) without signing anything yet, so
 * registries can be given the new bundle before any token depends on it.
 */
export async function prepareNextKey(actor: AuditActor, alg: SigningAlgorithm = "ES256") {
  return transaction(async (tx) => {
    await lockForTransaction(tx, KEYS_LOCK);
    await deletePendingKeys(tx);
    const key = await insertSigningKey(tx, sealedKey(alg));
    await setKeyStatus(tx, key.id, "pending");
    await appendAudit(tx, [
      { ...actor, action: "signing_key.prepare", outcome: "success", details: { kid: key.kid, algorithm: alg } },
    ]);
    return { ...key, status: "pending" as const };
  });
}

/**
 * Rotation, step 2: the pending key (created now if there is none) signs new tokens; the old
 * one is retired but stays in the bundle until the tokens it signed have expired.
 */
export async function activateNextKey(actor: AuditActor, alg: SigningAlgorithm = "ES256") {
  const result = await transaction(async (tx) => {
    // One rotation at a time across instances: never two active keys.
    await lockForTransaction(tx, KEYS_LOCK);
    let next = await findPendingKey(tx);
    next ??= await insertSigningKey(tx, sealedKey(alg));
    const retired = await retireActiveKeys(tx);
    await setKeyStatus(tx, next.id, "active");
    await appendAudit(tx, [
      { ...actor, action: "signing_key.activate", outcome: "success", details: { kid: next.kid, retired } },
    ]);
    return next;
  });
  forgetSigner();
  return result;
}

/** The PEM bundle for the registry's rootcertbundle. */
export async function certificateBundle(): Promise<string> {
  const { tokenTtlSeconds } = await getSettings();
  // Keep retired keys for a token lifetime plus a margin for clock skew and in-flight requests.
  const keys = await listBundleKeys(new Date(Date.now() - (tokenTtlSeconds + 600) * 1000));
  return keys.map((k) => k.certificatePem).join("");
}
