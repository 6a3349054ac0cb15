/**
 * Whether a credential may be used now, decided in one place: the token endpoint, refresh-token
 * redemption and the "why was this denied?" simulator all ask this, so the simulator's answer is
 * the real decision. Times are epoch milliseconds; absent facts do not apply.
 */
export type CredentialRefusal = "locked_out" | "token_revoked" | "token_expired" | "account_disabled";

export interface CredentialFacts {
  now: number;
  /** The (account or token, address) lockout. */
  lockedUntil?: number | null;
  revokedAt?: number | null;
  expiresAt?: number | null;
  /** Set when the secret presented is the previous one of a rotated token: usable until then. */
  previousSecretUntil?: number | null;
  ownerDisabled?: boolean;
  /** The access token a refresh token came from: it ends with it. */
  parent?: { missing?: boolean; revokedAt?: number | null; expiresAt?: number | null };
  /** A refresh token unused for `idle.ms` since `idle.since` (its last use, else its issue) has expired. */
  idle?: { since: number; ms: number };
  /** A credential issued from a password ends when the password changes. */
  issuedAt?: number;
  passwordChangedAt?: number | null;
}

/** In order: locked out, revoked (or its previous secret past the grace period), expired, owner disabled. */
export function credentialRefusal(f: CredentialFacts): CredentialRefusal | null {
  const past = (t: number | null | undefined) => t != null && t <= f.now;
  if (f.lockedUntil != null && f.lockedUntil > f.now) return "locked_out";
  if (f.revokedAt != null) return "token_revoked";
  if (past(f.expiresAt)) return "token_expired";
  if (f.previousSecretUntil !== undefined && (f.previousSecretUntil === null || past(f.previousSecretUntil)))
    return "token_revoked";
  if (f.parent && (f.parent.missing || f.parent.revokedAt != null)) return "token_revoked";
  if (f.parent && past(f.parent.expiresAt)) return "token_expired";
  if (f.issuedAt != null && f.passwordChangedAt != null && f.issuedAt < f.passwordChangedAt) return "token_revoked";
  if (f.idle && f.idle.since + f.idle.ms <= f.now) return "token_expired";
  if (f.ownerDisabled) return "account_disabled";
  return null;
}
