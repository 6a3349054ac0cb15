import { oidcSignIn } from "./oidc";
import { passwordSignIn } from "./password";
import type { SignInProvider } from "./types";

export type { SignInProvider } from "./types";

/**
 * Every way to sign in to the console. A new one (OpenID Connect, LDAP) is a file beside
 * password.ts implementing SignInProvider, and one entry here: next-auth's provider list and the
 * sign-in page's choices both read it.
 */
export const SIGN_IN_PROVIDERS: readonly SignInProvider[] = [passwordSignIn, oidcSignIn];

export const enabledSignInProviders = () => SIGN_IN_PROVIDERS.filter((p) => p.enabled());

/** What the sign-in page offers: a form, and a button per redirecting provider. */
export const signInChoices = () => enabledSignInProviders().map(({ id, label, style }) => ({ id, label, style }));
