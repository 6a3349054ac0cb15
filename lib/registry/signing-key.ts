import crypto from "node:crypto";
import { bitString, explicit, integer, nul, oid, seq, set, time, utf8 } from "../crypto/der";

/**
 * Token-signing keys: generation, the self-signed certificate the registry's rootcertbundle takes,
 * and the libtrust key id that registry 2.x looks keys up by.
 */
export type SigningAlgorithm = "ES256" | "RS256";

export interface GeneratedKey {
  algorithm: SigningAlgorithm;
  kid: string;
  privateKeyPem: string;
  certificatePem: string;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** libtrust key id: SHA-256 of the DER SubjectPublicKeyInfo, first 240 bits, base32, 12 groups of 4. */
export function libtrustKeyId(publicKey: crypto.KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  const b32 = base32(crypto.createHash("sha256").update(der).digest().subarray(0, 30));
  return b32.match(/.{4}/g)!.join(":");
}

const SIG_ALG = {
  ES256: () => seq(oid("1.2.840.10045.4.3.2")), // ecdsa-with-SHA256
  RS256: () => seq(oid("1.2.840.113549.1.1.11"), nul()), // sha256WithRSAEncryption
};

function name(cn: string): Buffer {
  return seq(set(seq(oid("2.5.4.3"), utf8(cn))));
}

export function selfSignedCertificate(
  alg: SigningAlgorithm,
  privateKey: crypto.KeyObject,
  publicKey: crypto.KeyObject,
  opts: { commonName: string; notBefore: Date; notAfter: Date },
): string {
  const spki = publicKey.export({ type: "spki", format: "der" });
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(crypto.randomBytes(16)),
    SIG_ALG[alg](),
    name(opts.commonName),
    seq(time(opts.notBefore), time(opts.notAfter)),
    name(opts.commonName),
    spki,
  );
  const signature = crypto.sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const der = seq(tbs, SIG_ALG[alg](), bitString(signature));
  const b64 = der
    .toString("base64")
    .match(/.{1,64}/g)!
    .join("\n");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export function generateSigningKey(alg: SigningAlgorithm = "ES256", validDays = 3650): GeneratedKey {
  const { privateKey, publicKey } =
    alg === "ES256"
      ? crypto.generateKeyPairSync("ec", { namedCurve: "P-256" })
      : crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const now = Date.now();
  const certificatePem = selfSignedCertificate(alg, privateKey, publicKey, {
    commonName: "Portcullis token signer",
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + validDays * 86_400_000),
  });
  return {
    algorithm: alg,
    kid: libtrustKeyId(publicKey),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificatePem,
  };
}
