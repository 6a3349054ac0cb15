import { bumpAuthFailure, clearAuthFailure, lockAuthFailure } from "../db/auth-failures";
import { getSettings } from "../settings";

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
