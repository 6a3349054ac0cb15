import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "../../audit/write";
import { env } from "../../config/env";
import { recordLogin } from "../../db/users";
import { provisionExternalAccount } from "../external-accounts";
import { forgetFollowUp } from "../follow-up";
import { accountFromClaims } from "../sso/claims";
import { rememberSignIn } from "../sso/follow-up";
import type { SignInProvider } from "./types";

/**
 * OpenID Connect single sign-on: the authorization code flow with PKCE, state and nonce checked
 * (next-auth over openid-client), the provider discovered from its issuer. The ID token's claims
 * make or update the account (lib/auth/external-accounts.ts) before the session exists; a refusal
 * becomes a reason code the sign-in page explains.
 */
export const REFUSALS = ["sso_wrong_token", "sso_account_exists", "sso_disabled"] as const;
type Refusal = (typeof REFUSALS)[number];
const refused = (code: Refusal) => ({ id: `refused:${code}` });

export const oidcSignIn: SignInProvider = {
  id: "oidc",
  get label() {
    return env().oidc?.name ?? "single sign-on";
  },
  style: "redirect",
  enabled: () => Boolean(env().oidc),
  provider(): OAuthConfig<Record<string, unknown>> {
    const cfg = env().oidc!;
    return {
      id: "oidc",
      name: cfg.name,
      type: "oauth",
      wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
      clientId: cfg.clientId,
      clientSecret: cfg.clientSecret,
      authorization: { params: { scope: cfg.scopes } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      // Every call to the provider (discovery, token, keys) has a deadline.
      httpOptions: { timeout: 10_000 },
      async profile(claims) {
        const made = accountFromClaims(cfg, claims);
        if ("refused" in made) return refused("sso_wrong_token");
        const user = await provisionExternalAccount(made.username, made.account, { clientIp: null });
        if (!user) return refused("sso_account_exists");
        if (user.disabled) return refused("sso_disabled");
        return { id: user.id, name: user.username, email: made.account.email };
      },
    };
  },
  async onSignIn(user, account) {
    const refusal = user.id.startsWith("refused:") ? (user.id.slice(8) as Refusal) : null;
    await recordAudit([
      {
        actorKind: refusal ? "anonymous" : "user",
        actorId: refusal ? null : user.id,
        actorName: refusal ? null : (user.name ?? null),
        credential: "oidc",
        action: "session.sign_in",
        outcome: refusal ? "failure" : "success",
        reason: refusal,
      },
    ]);
    if (refusal) return `/login?error=${refusal}`;
    await recordLogin(user.id);
    // The provider's refresh token lets token requests follow it until the next sign-in.
    await rememberSignIn(user.id, account?.refresh_token);
    forgetFollowUp(user.id);
    return true;
  },
};
