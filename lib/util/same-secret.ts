import crypto from "node:crypto";

/** Compares a presented secret with the expected one in constant time, whatever their lengths (both hashed first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
