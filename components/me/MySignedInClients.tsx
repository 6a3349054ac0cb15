"use client";

import Link from "next/link";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Time } from "@/components/ui/Time";
import { useMySignedInClients, useSignOutClients } from "@/lib/query/me";
import { useTokens } from "@/lib/query/tokens";

/** My credentials in use: access tokens (managed on Tokens) and registry clients signed in with docker login. */
export function MySignedInClients() {
  const clients = useMySignedInClients();
  const signOut = useSignOutClients();
  const tokens = useTokens(false);
  const active = (tokens.data?.pages.flatMap((p) => p.tokens) ?? []).filter((t) => t.status === "active");
  return (
    <div className="card" data-testid="my-credentials">
      <h2>Your tokens and signed-in clients</h2>
      <ErrorNote error={clients.error ?? signOut.error ?? tokens.error} />
      <p className="muted">
        {active.length === 0
          ? "No active access tokens."
          : `Active access tokens: ${active.map((t) => `${t.name} (${t.prefix}…${t.scopes ? ", scoped" : ""})`).join("; ")}.`}{" "}
        <Link href="/tokens">Manage them under Tokens</Link>.
      </p>
      {clients.data && clients.data.clients.length === 0 && (
        <p className="muted">No registry client is signed in as you (docker login keeps one per machine).</p>
      )}
      {clients.data && clients.data.clients.length > 0 && (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Registry</th>
                  <th>Client</th>
                  <th>Signed in</th>
                  <th>Last renewed</th>
                  <th>Ends</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {clients.data.clients.map((c) => (
                  <tr key={c.id} data-testid={`client-${c.id}`}>
                    <td className="mono">{c.service}</td>
                    <td>
                      {c.clientId ?? "—"}
                      <div className="muted">
                        {c.userAgent?.split(" ")[0] ?? "unknown client"}
                        {c.fromAccessToken ? " · with an access token" : " · with your password"}
                      </div>
                    </td>
                    <td>
                      <Time value={c.createdAt} />
                      {c.clientIp && <div className="muted">from {c.clientIp}</div>}
                    </td>
                    <td>
                      <Time value={c.lastUsedAt} />
                      {c.lastUsedIp && <div className="muted">from {c.lastUsedIp}</div>}
                    </td>
                    <td>
                      <Time value={c.endsAt} />
                    </td>
                    <td>
                      <ConfirmButton label="Sign out" onConfirm={() => signOut.mutate(c.id)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ConfirmButton label="Sign out every registry client" onConfirm={() => signOut.mutate(undefined)} />
        </>
      )}
    </div>
  );
}
