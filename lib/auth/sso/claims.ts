import crypto from "node:crypto";
import type { OidcConfig } from "../../config/env";
import type { ExternalAccount } from "../external-accounts";
import { normalizeGroup, roleFromGroups } from "../groups";

/**
 * What an identity provider's claims make of a person here, pure: the account name (shell-safe,
 * as `docker login -u` and htpasswd need it), the external id that follows them (issuer#sub, so
 * a renamed person keeps their account), the groups, and the role those give.
 */
export function shellSafeName(raw: string): string | null {
  const name = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: José → jose
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .replace(/-+/g, "-")
    .slice(0, 64)
    .replace(/[-._]+$/, "");
  return name.length >= 2 ? name : null;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

export function accountFromClaims(
  cfg: OidcConfig,
  claims: Record<string, unknown>,
): { username: string; account: ExternalAccount } | { refused: string } {
  // openid-client checks the token against the issuer the discovery document names; this checks
  // that one is the issuer configured here (a discovery document naming another is refused).
  if (text(claims.iss)?.replace(/\/$/, "") !== cfg.issuer)
    return { refused: `the ID token was issued by ${String(claims.iss).slice(0, 200)}, not ${cfg.issuer}` };
  const sub = text(claims.sub);
  if (!sub) return { refused: "the identity provider named no subject (sub)" };
  const email = text(claims.email);
  const username =
    shellSafeName(text(claims.preferred_username) ?? "") ??
    shellSafeName(email?.split("@")[0] ?? "") ??
    `user-${crypto.createHash("sha256").update(sub).digest("hex").slice(0, 10)}`;
  const raw = claims[cfg.groupsClaim];
  const groups = (Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [])
    .filter((g): g is string => typeof g === "string" && g.trim() !== "")
    .map(normalizeGroup);
  return {
    username,
    account: {
      source: "oidc",
      externalId: `${cfg.issuer}#${sub}`,
      displayName: text(claims.name),
      // Only a verified address is kept (it is shown, and unique here).
      email: email && claims.email_verified === true ? email : null,
      groups,
      role: roleFromGroups(groups, cfg),
    },
  };
}
