"use client";

import Link from "next/link";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Time } from "@/components/ui/Time";
import { useSignedInClients, useSignOutClients } from "@/lib/query/me";
import { useTokens } from "@/lib/query/tokens";

/** My access tokens in one line (managed on Tokens). */
function TokensLine() {
  const tokens = useTokens(false);
  const active = (tokens.data?.pages.flatMap((p) => p.tokens) ?? []).filter((t) => t.status === "active");
  return (
    <p className="muted">
      <ErrorNote error={tokens.error} />
      {active.length === 0
        ? "No active access tokens."
        : `Active access tokens: ${active.map((t) => `${t.name} (${t.prefix}…${t.scopes ? ", scoped" : ""})`).join("; ")}.`}{" "}
      <Link href="/tokens">Manage them under Tokens</Link>.
    </p>
  );
}

/**
 * Registry clients signed in (docker login, or a machine approved for docker-credential-portcullis),
 * each with a sign-out: mine, or with `username` a person's (administrators).
 */
export function SignedInClients({
  username,
  title = "Your tokens and signed-in clients",
  withTokens = true,
}: {
  username?: string;
  title?: string;
  withTokens?: boolean;
}) {
  const clients = useSignedInClients(username);
  const signOut = useSignOutClients(username);
  const whose = username ? username : "you";
  return (
    <div className="card" data-testid={username ? "user-clients" : "my-credentials"}>
      <h2>{title}</h2>
      <ErrorNote error={clients.error ?? signOut.error} />
      {withTokens && !username && <TokensLine />}
      {clients.data && clients.data.clients.length === 0 && (
        <p className="muted">
          No registry client is signed in as {whose} (docker login and docker-credential-portcullis keep one per
          machine).
        </p>
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
                      {c.origin === "device" ? (c.deviceName ?? "a device") : (c.clientId ?? "—")}
                      <div className="muted">
                        {c.userAgent?.split(" ")[0] ?? "unknown client"}
                        {c.origin === "device"
                          ? ` · approved in the console · ${c.scopes ? c.scopes.map((r) => `${r.repository} (${r.actions.join(", ")})`).join("; ") : "all your access"}`
                          : c.fromAccessToken
                            ? " · with an access token"
                            : " · with your password"}
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
          <ConfirmButton
            label={username ? `Sign every client of ${username} out` : "Sign out every registry client"}
            onConfirm={() => signOut.mutate(undefined)}
          />
        </>
      )}
    </div>
  );
}
