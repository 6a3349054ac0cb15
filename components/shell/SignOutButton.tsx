"use client";

/**
 * Signs out through next-auth's own endpoints (its CSRF token, then the sign-out POST) without
 * next-auth's browser bundle, which every console page would otherwise load (12 kB gzipped with
 * its Babel runtime, measured by scripts/js-budget.ts).
 */
async function signOut() {
  const { csrfToken } = (await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json()) as {
    csrfToken: string;
  };
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/login", json: "true" }),
  });
  const { url } = (await res.json().catch(() => ({}))) as { url?: string };
  window.location.href = url && new URL(url, window.location.href).origin === window.location.origin ? url : "/login";
}

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
