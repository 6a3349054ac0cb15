import { ADDRESS_BUCKET, countAttempt, lockAuthFailure, settleSuccess } from "../db/auth-failures";
import { forgetPasswordLookup } from "../db/credential-lookup";
import { getSettings } from "../settings";
import type { Settings } from "../validation/settings";
import { metrics } from "../metrics/instruments";

/**
 * Lockout, per what was presented and from where: an account name (passwords), `token:<prefix>`
 * (access tokens: junk tokens never lock out a real one), and every password attempt from one
 * address whatever the account (spraying). Counters live in the database, so every instance
 * shares them, and are counted atomically.
 */
export const tokenBucket = (prefix: string) => `token:${prefix}`;

const windowStart = (s: Settings) => new Date(Date.now() - s.lockoutWindowMinutes * 60_000);
const lockedUntil = (s: Settings) => new Date(Date.now() + s.lockoutMinutes * 60_000);
/** How long to hold a failure's answer back: doubling from 250 ms after `slowdownAfter` failures, at most 4 s. */
export const slowdown = (n: number, s: Pick<Settings, "slowdownAfter">) =>
  n > s.slowdownAfter ? Math.min(250 * 2 ** (n - s.slowdownAfter - 1), 4_000) : 0;

export interface PasswordAttempt {
  username: string;
  ip: string;
  /** This attempt's number for the account and for the address. */
  account: number;
  address: number;
  locked: boolean;
}

/**
 * Counts a password attempt before the password is checked. Taking the number first makes the
 * threshold exact under concurrency: of 40 simultaneous guesses with a threshold of 10, exactly
 * 10 are checked and the rest are refused as locked out.
 */
export async function reservePasswordAttempt(username: string, ip: string): Promise<PasswordAttempt> {
  const s = await getSettings();
  // A name equal to the address bucket ("*", which a client may send) is that one counter, once:
  // one statement cannot upsert the same row twice.
  const counts = await countAttempt([...new Set([username, ADDRESS_BUCKET])], ip, windowStart(s));
  const account = counts.get(username) ?? 1;
  const address = counts.get(ADDRESS_BUCKET) ?? 1;
  const overAccount = account > s.lockoutThreshold;
  const overAddress = address > s.addressLockoutThreshold;
  if (overAccount) await lockAuthFailure(username, ip, lockedUntil(s), true);
  if (overAddress) await lockAuthFailure(ADDRESS_BUCKET, ip, lockedUntil(s), true);
  return { username, ip, account, address, locked: overAccount || overAddress };
}

/** The attempt failed: lock what reached its threshold; returns how long to hold the answer back (ms). */
export async function passwordFailed(a: PasswordAttempt): Promise<number> {
  forgetPasswordLookup(a.username, a.ip);
  const s = await getSettings();
  if (a.account >= s.lockoutThreshold) await lockAuthFailure(a.username, a.ip, lockedUntil(s));
  if (a.address >= s.addressLockoutThreshold) await lockAuthFailure(ADDRESS_BUCKET, a.ip, lockedUntil(s));
  if (a.account === s.lockoutThreshold) metrics().lockouts.inc({ bucket: "account" });
  if (a.address === s.addressLockoutThreshold) metrics().lockouts.inc({ bucket: "address" });
  return held(slowdown(a.account, s));
}

/** Counts a failure whose answer is held back. */
function held(ms: number): number {
  if (ms > 0) metrics().throttled.inc();
  return ms;
}

/** The attempt succeeded (or was not a guess: a disabled account): nothing counts against anyone. */
export const passwordSettled = (a: PasswordAttempt) => settleSuccess(a.username, a.ip, true);

/** A presented access token failed: counted against that token alone. Returns the hold-back (ms). */
export async function tokenFailed(bucket: string, ip: string): Promise<number> {
  const s = await getSettings();
  const n = (await countAttempt([bucket], ip, windowStart(s))).get(bucket) ?? 1;
  if (n >= s.lockoutThreshold) await lockAuthFailure(bucket, ip, lockedUntil(s));
  if (n === s.lockoutThreshold) metrics().lockouts.inc({ bucket: "token" });
  return held(slowdown(n, s));
}

/** A success after failures: that name's counter goes. */
export const clearFailures = (name: string, ip: string) => settleSuccess(name, ip, false);

export const delay = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());
