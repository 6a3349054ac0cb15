import crypto from "node:crypto";

/** AES-256-GCM for secrets at rest (signing keys). Format: v1.<iv>.<tag>.<ciphertext>, base64url. */
export function seal(plaintext: string, keyHex: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export class SecretBoxError extends Error {
  name = "SecretBoxError";
}

export function open(sealed: string, keyHex: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new SecretBoxError("unrecognised sealed value");
  try {
    const d = crypto.createDecipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "a stored secret cannot be decrypted: the encryption key (data/secrets.json or PORTCULLIS_ENCRYPTION_KEY) is not the one it was sealed with",
    );
  }
}
