"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { api } from "@/lib/query/api";
import type { DirectoryCheckView, DirectoryView } from "@/lib/validation/directory";

/** The company directory as configured (read-only, no secret) and a "test connection" with each step's fix. */
export function DirectorySettings() {
  const view = useQuery({
    queryKey: ["settings", "directory"],
    queryFn: () => api<DirectoryView>("/api/v1/settings/directory"),
  });
  const [username, setUsername] = useState("");
  const check = useMutation({
    mutationFn: (u: string) =>
      api<DirectoryCheckView>("/api/v1/settings/directory/check", { method: "POST", body: u ? { username: u } : {} }),
  });
  const d = view.data?.ldap;
  const o = view.data?.oidc;
  return (
    <div className="card" data-testid="directory-settings">
      <h2>Sign-in sources</h2>
      <ErrorNote error={view.error ?? check.error} />
      {o && (
        <FactsTable
          testId="sso-settings"
          rows={[
            ["Single sign-on", `${o.name}: ${o.issuer}`],
            ["Client", `${o.clientId} (secret set; redirect URI ${o.redirectUri})`],
            ["Scopes", o.scopes],
            ["Groups claim", o.groupsClaim],
            ["Administrators", o.adminGroups.join("; ") || "—"],
            ["Auditors", o.auditorGroups.join("; ") || "—"],
            [
              "Tokens follow the provider",
              `every ${o.followUpSeconds} s, through its refresh token: ${o.sessions.following} ${o.sessions.following === 1 ? "person" : "people"}` +
                (o.sessions.ended ? `; ${o.sessions.ended} refused until they sign in again` : ""),
            ],
          ]}
        />
      )}
      {view.data && !d && (
        <p className="muted">
          No company directory: set PORTCULLIS_LDAP_URL and the related variables (README, “Company directory”) to let
          people sign in with their directory password.
        </p>
      )}
      {d && (
        <>
          <FactsTable
            rows={[
              ["Directory", `${d.name}: ${d.url}${d.startTls ? " (StartTLS)" : ""}`],
              ["Bind as", d.bindDn ?? "anonymous"],
              ["People", `${d.userBase} ${d.userFilter}`],
              ["Groups", d.groupBase ? `${d.groupBase} ${d.groupFilter}` : "not read"],
              ["Administrators", d.adminGroups.join("; ") || "—"],
              ["Auditors", d.auditorGroups.join("; ") || "—"],
              ["Deadline", `${d.timeoutMs} ms`],
            ]}
          />
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              check.mutate(username.trim());
            }}
          >
            <div className="field">
              <label htmlFor="directory-user">Look up a person (optional)</label>
              <input
                id="directory-user"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                placeholder="username"
              />
            </div>
            <button type="submit" disabled={check.isPending}>
              {check.isPending ? "Testing…" : "Test connection"}
            </button>
          </form>
          {check.data && (
            <ul data-testid="directory-check">
              {check.data.steps.map((s) => (
                <li key={s.step}>
                  {s.ok ? "✔" : "✖"} <strong>{s.step}</strong>: {s.detail}
                  {s.fix && <div className="muted">{s.fix}</div>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** Setting, value: one row each, values in monospace (they are pasted into configuration). */
function FactsTable({ rows, testId }: { rows: readonly (readonly [string, string])[]; testId?: string }) {
  return (
    <table data-testid={testId}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
