import crypto from "node:crypto";
import type { TokenScopeRule } from "./authorize";
import { isRepositoryPattern } from "./names";

/**
 * The codes and the polling rules of the OAuth 2.0 device authorization grant (RFC 8628), pure.
 *
 * The user code is read aloud and typed on another device: eight letters from the twenty
 * consonants RFC 8628 §6.1 suggests (no vowels, so no words; no 0/O, 1/I/L-style look-alikes
 * beyond what the alphabet already avoids), shown as BCDF-GHJK. 20^8 ≈ 2.6·10^10 codes, each
 * alive ten minutes, guessed at most a few times a minute per person: out of reach. The device
 * code is the client's secret (256 random bits, stored hashed).
 */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;
export const DEVICE_CODE_TTL_SECONDS = 600;
export const POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: each slow_down raises the interval by five seconds. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/** Polls may arrive this much early (network jitter) before they count as too fast. */
export const POLL_TOLERANCE_MS = 500;
export const DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

export function generateUserCode(): string {
  let code = "";
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[crypto.randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

export function generateDeviceCode(): string {
  return `pcd_${crypto.randomBytes(32).toString("base64url")}`;
}

/** What a person typed (any case, spaces or dashes) as the stored code, or null when it cannot be one. */
export function normalizeUserCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== USER_CODE_LENGTH) return null;
  for (const c of code) if (!USER_CODE_ALPHABET.includes(c)) return null;
  return code;
}

export const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

const ACTIONS = new Set(["pull", "push", "delete"]);

/**
 * The OAuth `scope` a device asks for: space-separated `repository:<name or pattern>:<actions>`
 * (the registry's own scope syntax, patterns allowed), e.g. `repository:team/*:pull,push`.
 * Empty: the device leaves the choice to the person. Returns the rules or what is wrong.
 */
export function parseDeviceScope(scope: string | undefined): { rules: TokenScopeRule[] | null } | { error: string } {
  const items = (scope ?? "").split(" ").filter(Boolean);
  if (items.length === 0) return { rules: null };
  if (items.length > 20) return { error: "at most 20 scopes" };
  const rules: TokenScopeRule[] = [];
  for (const item of items) {
    const first = item.indexOf(":");
    const last = item.lastIndexOf(":");
    const type = item.slice(0, first);
    const name = item.slice(first + 1, last);
    const actions = item.slice(last + 1).split(",");
    if (first < 0 || first === last || type !== "repository")
      return { error: `"${item.slice(0, 100)}" is not repository:<name or pattern>:<actions>` };
    if (!isRepositoryPattern(name)) return { error: `"${name.slice(0, 100)}" is not a repository name or pattern` };
    if (actions.some((a) => !ACTIONS.has(a)) || new Set(actions).size !== actions.length)
      return { error: `the actions of "${item.slice(0, 100)}" must be pull, push or delete, each once` };
    rules.push({ repository: name, actions });
  }
  return { rules };
}

export type DeviceStatus = "pending" | "approved" | "denied" | "redeemed";

/** What a poll of the token endpoint answers, before any write (RFC 8628 §3.5). */
export type PollVerdict =
  | { error: "invalid_grant"; description: string }
  | { error: "expired_token" | "access_denied" | "authorization_pending"; description: string }
  | { error: "slow_down"; description: string; interval: number }
  | { redeem: true };

export function pollVerdict(
  row: {
    clientId: string;
    status: DeviceStatus;
    expiresAt: number;
    interval: number;
    lastPolledAt: number | null;
  } | null,
  poll: { clientId: string | undefined; now: number },
): PollVerdict {
  if (!row) return { error: "invalid_grant", description: "unknown device code: start the sign-in again" };
  if (poll.clientId !== undefined && poll.clientId !== row.clientId)
    return { error: "invalid_grant", description: "this device code was issued to another client_id" };
  if (row.status === "redeemed")
    return { error: "invalid_grant", description: "this device code has been used already; it works once" };
  if (row.expiresAt <= poll.now)
    return { error: "expired_token", description: "the code expired before anyone approved it: start again" };
  if (row.lastPolledAt !== null && poll.now - row.lastPolledAt < row.interval * 1000 - POLL_TOLERANCE_MS)
    return {
      error: "slow_down",
      description: `poll at most every ${row.interval + SLOW_DOWN_STEP_SECONDS} seconds`,
      interval: row.interval + SLOW_DOWN_STEP_SECONDS,
    };
  if (row.status === "denied") return { error: "access_denied", description: "the sign-in was denied in the console" };
  if (row.status === "pending")
    return { error: "authorization_pending", description: "waiting for someone to approve the code in the console" };
  return { redeem: true };
}
