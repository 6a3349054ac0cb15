import { bumpAuthFailure, clearAuthFailure, findAuthFailure, lockAuthFailure } from "../db/auth-failures";
import { getSettings } from "../settings";

/**
 * Failed credentials are counted per (account, client address) pair: an attacker elsewhere can
 * lock out only their own address, never a CI account's real clients.
 */
export async function lockoutState(username: string, ip: string): Promise<{ locked: boolean; hasFailures: boolean }> {
  const row = await findAuthFailure(username, ip);
  return { locked: Boolean(row?.lockedUntil && row.lockedUntil > new Date()), hasFailures: Boolean(row) };
}

/** Records a failure; returns how long to hold the answer back (ms). */
export async function registerFailure(username: string, ip: string): Promise<number> {
  const s = await getSettings();
  const n = await bumpAuthFailure(username, ip, new Date(Date.now() - s.lockoutWindowMinutes * 60_000));
  if (n >= s.lockoutThreshold) await lockAuthFailure(username, ip, new Date(Date.now() + s.lockoutMinutes * 60_000));
  return n > s.slowdownAfter ? Math.min(250 * 2 ** (n - s.slowdownAfter - 1), 4_000) : 0;
}

export async function registerSuccess(username: string, ip: string, hadFailures: boolean): Promise<void> {
  if (hadFailures) await clearAuthFailure(username, ip);
}

export const delay = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());
