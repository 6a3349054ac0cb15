import type { Provider } from "next-auth/providers/index";

/**
 * One way to sign in to the console. "form" providers take a username and password on the
 * sign-in page; "redirect" providers (OpenID Connect, for the SSO work) send the person to their
 * identity provider and show as "Sign in with <label>".
 */
export interface SignInProvider {
  /** next-auth's provider id (what `signIn(id)` names). */
  id: string;
  label: string;
  style: "form" | "redirect";
  /** Configured on this installation (from the environment): only enabled providers are offered. */
  enabled(): boolean;
  /** The next-auth provider that does the work. */
  provider(): Provider;
  /** After the provider said yes, before the session: true, or where to send the person instead. */
  onSignIn?(
    user: { id: string; name?: string | null },
    account: { refresh_token?: string } | null,
  ): Promise<true | string>;
}
