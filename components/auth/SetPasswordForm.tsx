"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { api } from "@/lib/query/api";

const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};
const readToken = () => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";

/** Completes a one-time set-password link; the secret is read from the URL fragment (never sent as a URL). */
export function SetPasswordForm() {
  const token = useSyncExternalStore(subscribeHash, readToken, () => null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api<{ username: string }>("/api/v1/password-setup", { method: "POST", body }),
  });
  if (save.data) {
    return (
      <p className="notice" role="status">
        Your password is set, {save.data.username}. <a href="/login">Sign in</a>
      </p>
    );
  }
  return (
    <SchemaForm
      aria-label="Set your password"
      schema={() => import("@/lib/validation/user").then((m) => m.passwordSetupForm)}
      read={(f) => ({
        token: token ?? "",
        password: String(f.get("password") ?? ""),
        repeat: String(f.get("repeat") ?? ""),
      })}
      onMessage={setError}
      onValid={({ token: t, password }) => save.mutate({ token: t, password })}
    >
      <ErrorNote error={error ?? save.error} />
      {token === "" && <ErrorNote error="This link is incomplete: open the whole link you were sent." />}
      <div className="field">
        <label htmlFor="sp-password">New password</label>
        <input id="sp-password" name="password" type="password" autoComplete="new-password" />
      </div>
      <div className="field">
        <label htmlFor="sp-repeat">Repeat it</label>
        <input id="sp-repeat" name="repeat" type="password" autoComplete="new-password" />
      </div>
      <button className="primary" type="submit" disabled={save.isPending || !token}>
        Set password
      </button>
    </SchemaForm>
  );
}
