import crypto from "node:crypto";
import type { AccessEntry } from "./authorize";
import type { SigningAlgorithm } from "./signing-key";

/** The registry bearer token (distribution token-auth spec, as registry 2.8 verifies it). */
export interface RegistryClaims {
  iss: string;
  sub: string;
  /** A JSON string: registry 2.8 rejects an array. */
  aud: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  access: AccessEntry[];
}

export interface Signer {
  algorithm: SigningAlgorithm;
  kid: string;
  key: crypto.KeyObject;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export function signJwt(claims: RegistryClaims, signer: Signer): string {
  return signJws(claims, signer);
}

/** A compact JWS of any JSON payload with the instance's key (registry tokens, audit checkpoints). */
export function signJws(payloadObject: object, signer: Signer, typ = "JWT"): string {
  const header = b64url(JSON.stringify({ typ, alg: signer.algorithm, kid: signer.kid }));
  const payload = b64url(JSON.stringify(payloadObject));
  const input = `${header}.${payload}`;
  // JWS wants ECDSA signatures as raw r||s, not DER.
  const sig = crypto.sign("sha256", Buffer.from(input), {
    key: signer.key,
    ...(signer.algorithm === "ES256" ? { dsaEncoding: "ieee-p1363" as const } : {}),
  });
  return `${input}.${b64url(sig)}`;
}

/** Minimum the docker CLI honours; anything shorter is treated as 60 s by clients anyway. */
export const MIN_TOKEN_TTL_SECONDS = 60;

export function buildClaims(opts: {
  issuer: string;
  subject: string;
  service: string;
  access: AccessEntry[];
  ttlSeconds: number;
  now?: number;
}): RegistryClaims {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  return {
    iss: opts.issuer,
    sub: opts.subject,
    aud: opts.service,
    exp: now + Math.max(MIN_TOKEN_TTL_SECONDS, opts.ttlSeconds),
    nbf: now - 5,
    iat: now,
    jti: crypto.randomUUID(),
    access: opts.access,
  };
}

/** Verifies a token we issued (tests, diagnostics). Returns the claims or null. */
export function verifyJwt(token: string, publicKey: crypto.KeyObject): RegistryClaims | null {
  return verifyJws<RegistryClaims>(token, publicKey);
}

/** Verifies a compact JWS signed with ES256 or RS256; the payload, or null. */
export function verifyJws<T>(token: string, publicKey: crypto.KeyObject): T | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  let header: { alg?: string };
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString());
  } catch {
    return null;
  }
  if (header.alg !== "ES256" && header.alg !== "RS256") return null;
  const ok = crypto.verify(
    "sha256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    { key: publicKey, ...(header.alg === "ES256" ? { dsaEncoding: "ieee-p1363" as const } : {}) },
    Buffer.from(parts[2], "base64url"),
  );
  return ok ? (JSON.parse(Buffer.from(parts[1], "base64url").toString()) as T) : null;
}
