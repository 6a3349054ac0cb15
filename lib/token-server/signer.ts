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
 * The active signing key of each registry (its own, else the shared one), decrypted once; which key
 * is active is re-read every 5 s, so a rotation made on another instance signs every instance's
 * tokens within seconds.
 */
const slot = globalThis as unknown as { __portcullisSigners?: Map<string, { at: number; signer: Signer }> };
const REFRESH_MS = 5_000;

/** Drops the cached signers: the next use reads (and decrypts) the active keys again. */
export function forgetSigner(): void {
  slot.__portcullisSigners = undefined;
}

/** The key that signs tokens for `service` (a registry's own key, else the shared one); without a service, the shared key. */
export async function activeSigner(service?: string): Promise<Signer> {
  const cache = (slot.__portcullisSigners ??= new Map());
  const k = service ?? "";
  const c = cache.get(k);
  if (c && Date.now() - c.at < REFRESH_MS) return c.signer;
  const row = await findActiveSigningKey(service);
  if (!row) throw new Error("no active signing key: start Portcullis once to create one");
  const signer: Signer =
    c && c.signer.kid === row.kid
      ? c.signer
      : {
          algorithm: row.algorithm as SigningAlgorithm,
          kid: row.kid,
          key: crypto.createPrivateKey(open(row.privateKeyEnc, runtimeSecrets().encryptionKey)),
        };
  if (cache.size > 1000) cache.clear();
  cache.set(k, { at: Date.now(), signer });
  return signer;
}

/** Every change to the set of signing keys holds this lock, so the steps never interleave. */
const KEYS_LOCK = "signing-keys";

/** A registry, for rotating its own key (null: the shared key). */
export type KeyOwner = { id: string; name: string } | null;
const scopeOf = (r: KeyOwner) => r?.id ?? null;

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
    if (await countActiveKeys(tx, null)) return;
    const key = await insertSigningKey(tx, null, sealedKey(alg));
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
 * registries can be given the new bundle before any token depends on it. With a registry, the key
 * is that registry's own: the first one it gets ends its use of the shared key once activated.
 */
export async function prepareNextKey(actor: AuditActor, alg: SigningAlgorithm = "ES256", registry: KeyOwner = null) {
  return transaction(async (tx) => {
    await lockForTransaction(tx, KEYS_LOCK);
    await deletePendingKeys(tx, scopeOf(registry));
    const key = await insertSigningKey(tx, scopeOf(registry), sealedKey(alg));
    await setKeyStatus(tx, key.id, "pending");
    await appendAudit(tx, [
      {
        ...actor,
        action: "signing_key.prepare",
        outcome: "success",
        details: { kid: key.kid, algorithm: alg, registry: registry?.name ?? null },
      },
    ]);
    return { ...key, status: "pending" as const };
  });
}

/**
 * Rotation, step 2: the pending key (created now if there is none) signs new tokens; the old
 * one is retired but stays in the bundle until the tokens it signed have expired.
 */
export async function activateNextKey(actor: AuditActor, alg: SigningAlgorithm = "ES256", registry: KeyOwner = null) {
  const scope = scopeOf(registry);
  const result = await transaction(async (tx) => {
    // One rotation at a time across instances: never two active keys in a scope.
    await lockForTransaction(tx, KEYS_LOCK);
    let next = await findPendingKey(tx, scope);
    next ??= await insertSigningKey(tx, scope, sealedKey(alg));
    const retired = await retireActiveKeys(tx, scope);
    await setKeyStatus(tx, next.id, "active");
    await appendAudit(tx, [
      {
        ...actor,
        action: "signing_key.activate",
        outcome: "success",
        details: { kid: next.kid, retired, registry: registry?.name ?? null },
      },
    ]);
    return next;
  });
  forgetSigner();
  return result;
}

/**
 * The PEM bundle for a registry's rootcertbundle: the shared keys (pending, active, and retired
 * ones whose tokens may still be live); for a registry with keys of its own, those, plus the
 * shared ones only until a token lifetime after its own key began signing, so its bundle never
 * trusts the tokens signed for other registries for longer than the switch needs.
 */
export async function certificateBundle(registry: KeyOwner = null): Promise<string> {
  const { tokenTtlSeconds } = await getSettings();
  // Keep retired keys for a token lifetime plus a margin for clock skew and in-flight requests.
  const live = new Date(Date.now() - (tokenTtlSeconds + 600) * 1000);
  const own = registry ? await listBundleKeys(registry.id, live) : [];
  const ownActive = own.find((k) => k.status === "active");
  const switched = ownActive && (ownActive.activatedAt ?? ownActive.createdAt) < live;
  const keys = [...own, ...(switched ? [] : await listBundleKeys(null, live))];
  return keys.map((k) => k.certificatePem).join("");
}
