"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { useCredentialsHeld, useRevokeEverything, type UserView } from "@/lib/query/users";

export function RevokeEverythingForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const held = useCredentialsHeld(user.username);
  const revoke = useRevokeEverything(user.username);
  return (
    <SchemaForm
      schema={() => import("@/lib/validation/user").then((m) => m.revokeEverythingInput)}
      read={(f) => ({ password: String(f.get("password") ?? ""), disable: f.get("disable") === "on" })}
      onMessage={setError}
      onValid={(data) => revoke.mutate(data, { onSuccess: onDone })}
    >
      <ErrorNote error={error ?? revoke.error ?? held.error} />
      {held.isPending && <p className="muted">Listing what they hold…</p>}
      {held.data && (
        <div className="notice" data-testid="revoke-list">
          <p style={{ marginTop: 0 }}>
            This will end every browser session of <strong>{user.username}</strong> and revoke:
          </p>
          <ul>
            {held.data.tokens.map((t) => (
              <li key={t.id}>
                their token <strong>{t.name}</strong> <code>{t.prefix}…</code>
              </li>
            ))}
            {held.data.serviceAccountTokens.map((t) => (
              <li key={t.id}>
                service account <strong>{t.serviceAccount}</strong>’s token {t.name} <code>{t.prefix}…</code> (created
                by them)
              </li>
            ))}
            {held.data.refreshTokens > 0 && <li>{held.data.refreshTokens} registry refresh token(s)</li>}
            {held.data.tokens.length + held.data.serviceAccountTokens.length + held.data.refreshTokens === 0 && (
              <li>no tokens (sessions only)</li>
            )}
          </ul>
        </div>
      )}
      <div className="checks field">
        <label>
          <input type="checkbox" name="disable" defaultChecked /> Also disable the account
        </label>
      </div>
      <div className="field">
        <label htmlFor="re-password">Your password, to confirm</label>
        <input id="re-password" name="password" type="password" autoComplete="current-password" />
      </div>
      <button className="danger" type="submit" disabled={revoke.isPending || held.isPending}>
        Revoke everything
      </button>
    </SchemaForm>
  );
}
