"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export interface SignInChoice {
  id: string;
  label: string;
  style: "form" | "redirect";
}

/** The sign-in page: the username/password form (when enabled) and a button per identity provider. */
/** Why single sign-on came back without a session (next-auth's codes and our own), in words. */
const SSO_ERRORS: Record<string, string> = {
  sso_account_exists:
    "An account with your name already exists here and signs in with a password. Ask an administrator to rename it, or to remove it so single sign-on can make yours.",
  sso_disabled: "Your account is disabled here. Ask an administrator.",
  sso_wrong_token:
    "The identity provider's answer did not name this installation's issuer or did not say who you are. Tell an administrator.",
};
const SSO_FAILED =
  "Single sign-on did not complete: the identity provider's answer could not be verified, or it could not be reached. Try again; if it persists, tell an administrator.";

export function LoginForm({
  next,
  choices,
  failure,
}: {
  next: string;
  choices: SignInChoice[];
  /** The `error` next-auth put in the address after a failed sign-in, if any. */
  failure?: string;
}) {
  const passwordChoice = choices.find((c) => c.style === "form");
  const redirects = choices.filter((c) => c.style === "redirect");
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    failure ? (SSO_ERRORS[failure] ?? (failure === "CredentialsSignin" ? null : SSO_FAILED)) : null,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("Enter your username and password.");
      return;
    }
    setPending(true);
    setError(null);
    const res = await signIn(passwordChoice!.id, { username, password, redirect: false });
    setPending(false);
    if (res?.error === "directory_unavailable") {
      setError("The company directory did not answer. Try again in a moment; if it persists, tell an administrator.");
      return;
    }
    if (!res || res.error) {
      setError("Incorrect username or password, or the account is disabled or temporarily locked.");
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <>
      {error && !passwordChoice && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {redirects.map((c) => (
        <button
          key={c.id}
          type="button"
          className="primary"
          style={{ width: "100%", marginBottom: 12 }}
          onClick={() => void signIn(c.id, { callbackUrl: next })}
        >
          Sign in with {c.label}
        </button>
      ))}
      {passwordChoice && <PasswordForm error={error} pending={pending} onSubmit={onSubmit} />}
    </>
  );
}

function PasswordForm({
  error,
  pending,
  onSubmit,
}: {
  error: string | null;
  pending: boolean;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" autoFocus required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="primary" type="submit" disabled={pending} style={{ width: "100%" }}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
