import crypto from "node:crypto";

/**
 * Access token format: <prefix>_<32 base62 chars: ~190 random bits><6 base62 chars: CRC32>.
 * pct_ for people's tokens, pcr_ for robots'. The checksum rejects typos and junk without a
 * database hit; only a SHA-256 of the whole token is stored (the entropy makes a slow hash moot).
 */
export type TokenKind = "pct" | "pcr";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY = 32;
const CHECK = 6;
const TOKEN_RE = /^(pct|pcr)_([0-9A-Za-z]{38})$/;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (const byte of Buffer.from(s)) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = "";
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = ALPHABET[v % 62] + out;
  return out.padStart(width, "0");
}

function randomBase62(len: number): string {
  let out = "";
  while (out.length < len) {
    for (const b of crypto.randomBytes(len * 2)) {
      if (b < 248 && out.length < len) out += ALPHABET[b % 62]; // 248 = 4*62: no modulo bias
    }
  }
  return out;
}

export function generateToken(kind: TokenKind): string {
  const body = randomBase62(BODY);
  return `${kind}_${body}${base62(crc32(`${kind}_${body}`), CHECK)}`;
}

/** Format and checksum only: a well-formed token may still be unknown, revoked or expired. */
export function parseToken(candidate: string): { kind: TokenKind } | null {
  const m = TOKEN_RE.exec(candidate);
  if (!m) return null;
  const body = m[2].slice(0, BODY);
  return base62(crc32(`${m[1]}_${body}`), CHECK) === m[2].slice(BODY) ? { kind: m[1] as TokenKind } : null;
}

export function looksLikeToken(candidate: string): boolean {
  return /^(pct|pcr)_/.test(candidate);
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The part safe to show and log: kind and the first 8 body characters. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 12);
}
