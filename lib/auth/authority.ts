import type { TokenScopeRule } from "../registry/authorize";
import { patternCovers } from "../registry/names";
import type { Credential } from "./credentials";

/**
 * What kind of credential a request came with. Every API route lists the kinds it accepts (the
 * route catalog); the authority of a request is its role's permissions intersected with what its
 * credential may do. Refresh tokens, revoked and expired tokens never authenticate an API call.
 */
export const CREDENTIAL_KINDS = ["session", "password", "token", "scoped_token", "robot_token"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A person's full credentials: the console session, their password, an unscoped access token. */
export const PERSON_CREDENTIALS: readonly CredentialKind[] = ["session", "password", "token"];
/** Every kind: only for routes that reveal nothing beyond the caller itself (`/api/v1/me`). */
export const ANY_CREDENTIAL: readonly CredentialKind[] = CREDENTIAL_KINDS;

/** The plain facts the decision needs about who is calling and with what. */
export interface CallingCredential {
  kind: "user" | "service_account";
  via: "session" | "password" | "token";
  credential?: Credential;
}

export function credentialKind(c: CallingCredential): CredentialKind {
  if (c.kind === "service_account") return "robot_token";
  if (c.via === "session") return "session";
  if (c.via === "password") return "password";
  return c.credential?.type === "token" && c.credential.scopes ? "scoped_token" : "token";
}

const REFUSAL: Record<CredentialKind, string> = {
  session: "this route is not available to console sessions",
  password: "this route does not accept a password; use an access token",
  token: "this route does not accept access tokens; sign in to the console",
  scoped_token:
    "this access token is limited to registry scopes: on the API it may only read /api/v1/me; use an unscoped token, a password or the console",
  robot_token: "service-account tokens are registry credentials: on the API they may only read /api/v1/me",
};

/** Null when the route accepts this kind of credential; otherwise the reason to answer 403 with. */
export function credentialRefusal(kind: CredentialKind, allowed: readonly CredentialKind[]): string | null {
  return allowed.includes(kind) ? null : REFUSAL[kind];
}

/** What a credential minted or rotated by a request would be able to do. */
export interface MintedCredential {
  expiresAt: Date | null;
  /** undefined: everything its owner may do. */
  scopes?: readonly TokenScopeRule[];
}

/** Whether some rule allows `action` on every repository `repository` (a name or pattern) can be. */
export function covered(
  rules: readonly { repository: string; actions: readonly string[] }[],
  repository: string,
  action: string,
): boolean {
  return rules.some(
    (r) => (r.actions.includes(action) || r.actions.includes("*")) && patternCovers(r.repository, repository),
  );
}

/**
 * Null when a request made with `caller` may bring `minted` into being (mint, rotate, generate);
 * otherwise why not. A token never creates a credential that outlives it or reaches further than
 * it does: sessions and passwords are the person themselves and have no such limit.
 */
export function beyondCaller(caller: Credential | undefined, minted: MintedCredential): string | null {
  if (!caller || caller.type === "password") return null;
  const limit = caller.type === "token" ? caller.expiresAt : null;
  if (caller.type === "token" && limit !== null && (minted.expiresAt === null || minted.expiresAt > limit)) {
    return `the token you are using expires ${limit.toISOString()}; it cannot create a credential that lives longer`;
  }
  if (caller.scopes) {
    if (!minted.scopes)
      return "the token you are using is limited to some repositories; it cannot create an unlimited credential";
    for (const s of minted.scopes) {
      for (const a of s.actions) {
        if (!covered(caller.scopes, s.repository, a))
          return `${a} on ${s.repository} is outside the scopes of the token you are using`;
      }
    }
  }
  return null;
}
