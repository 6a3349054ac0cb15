import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { Limiter } from "../util/limiter";
import { provideQueue } from "../metrics/instruments";

/**
 * Passwords: argon2id (OWASP's minimum profile: 19 MiB, 2 passes), hashed off the event loop, at
 * most (cores - 1) at once: a flood of wrong passwords queues here instead of taking every core,
 * so health probes and token requests with tokens still answer promptly.
 */
const hashing = new Limiter(Math.max(1, os.availableParallelism() - 1));
provideQueue("hashQueue", () => hashing.queued);
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const MAX_PASSWORD_BYTES = 1024;
/** The stored hash of an account created without a password (it waits for a set-password link): nothing verifies. */
export const NO_PASSWORD = "!";

export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => hash(password, OPTIONS));
}

// Verified against when the account does not exist, so an unknown user costs what a wrong password does.
let dummy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) return false;
  if (!stored || stored === NO_PASSWORD) {
    dummy ??= hashPassword("portcullis-timing-equaliser");
    const stand = await dummy;
    await hashing.run(() => verify(stand, password)).catch(() => false);
    return false;
  }
  try {
    return await hashing.run(() => verify(stored, password));
  } catch {
    return false;
  }
}
