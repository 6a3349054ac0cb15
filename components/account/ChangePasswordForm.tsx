"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { api } from "@/lib/query/api";

/** Your own password: the current one is required; other sessions end, this one signs in again with the new password. */
export function ChangePasswordForm({ username }: { username: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => {
      await api("/api/v1/me/password", { method: "POST", body });
      await signIn("credentials", { username, password: body.newPassword, redirect: false });
    },
    meta: { said: () => "Password changed: your other console sessions are signed out" },
    onSuccess: () => setDone(true),
  });
  return (
    <SchemaForm
      aria-label="Change your password"
      schema={() => import("@/lib/validation/user").then((m) => m.changePasswordForm)}
      read={(f) => ({
        currentPassword: String(f.get("currentPassword") ?? ""),
        newPassword: String(f.get("newPassword") ?? ""),
        repeat: String(f.get("repeat") ?? ""),
      })}
      onMessage={(m) => {
        setError(m);
        setDone(false);
      }}
      onValid={({ currentPassword, newPassword }, form) =>
        change.mutate({ currentPassword, newPassword }, { onSuccess: () => form.reset() })
      }
    >
      <ErrorNote error={error ?? change.error} />
      {done && (
        <p className="notice" role="status">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="pw-current">Current password</label>
          <input id="pw-current" name="currentPassword" type="password" autoComplete="current-password" />
        </div>
        <div className="field">
          <label htmlFor="pw-new">New password</label>
          <input id="pw-new" name="newPassword" type="password" autoComplete="new-password" />
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">Repeat new password</label>
          <input id="pw-repeat" name="repeat" type="password" autoComplete="new-password" />
        </div>
      </div>
      <button className="primary" type="submit" disabled={change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </button>
    </SchemaForm>
  );
}
