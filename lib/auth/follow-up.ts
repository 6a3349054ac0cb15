import { env } from "../config/env";
import { findUserSource } from "../db/external-accounts";
import type { Subject } from "./credentials";
import { resyncDirectoryAccount } from "./directory/resync";
import { followIdentityProvider } from "./sso/follow-up";

/**
 * Token requests that do not ask the directory or the identity provider (access tokens, refresh
 * tokens of `docker login` and of devices) still follow them: once per cache window a person from
 * the directory (LDAP) is looked up again, and a person from the identity provider (OIDC) is
 * vouched for again through its refresh token. A local account costs one read per window.
 * - "synced": groups, role and teams may have changed (the caller reloads the rules);
 * - "gone": removed from the directory, the account is now disabled;
 * - "ended": the identity provider no longer vouches for the person (until the next console sign-in).
 */
export type FollowUp = "unchanged" | "synced" | "gone" | "ended";

const last = new Map<string, { at: number; ended: boolean }>();

export async function followExternalAccount(subject: Subject, clientIp: string): Promise<FollowUp> {
  if (subject.kind !== "user" || (!env().ldap && !env().oidc)) return "unchanged";
  const now = Date.now();
  const seen = last.get(subject.id);
  if (seen && now - seen.at < env().PORTCULLIS_CREDENTIAL_CACHE_SECONDS * 1000)
    return seen.ended ? "ended" : "unchanged";
  if (last.size > 50_000) last.clear();
  const user = await findUserSource(subject.id);
  const ldap = env().ldap;
  const r: FollowUp =
    user?.source === "ldap" && ldap
      ? await resyncDirectoryAccount(ldap, user, clientIp)
      : user?.source === "oidc"
        ? await followIdentityProvider(user, clientIp)
        : "unchanged";
  last.set(subject.id, { at: now, ended: r === "ended" });
  return r;
}

/** A console sign-in through the provider renews its word at once on this replica. */
export function forgetFollowUp(userId: string) {
  last.delete(userId);
}
