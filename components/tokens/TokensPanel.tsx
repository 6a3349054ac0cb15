"use client";

import Link from "next/link";
import { useState } from "react";
import { useRevokeToken, useRotateToken, useTokens, type TokenView } from "@/lib/query/tokens";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { NewTokenForm } from "./NewTokenForm";
import { SecretOnce } from "./SecretOnce";
import type { TokenPolicy } from "@/lib/validation/token";

const fmt = (v: string | null) => (v ? new Date(v).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

const GRACE = [
  { hours: 0, label: "none: the old secret stops now" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
];

export function TokensPanel({
  username,
  registryHost,
  policy,
  canSeeAll,
}: {
  username: string;
  registryHost: string;
  policy: TokenPolicy;
  canSeeAll: boolean;
}) {
  // Admins see everyone's tokens first (the page is where they find a leaked one); their own are one click away.
  const [all, setAll] = useState(canSeeAll);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rotating, setRotating] = useState<TokenView | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);
  const rotate = useRotateToken();
  const tokens = useTokens(all);
  const tokensRows = tokens.data?.pages.flatMap((p) => p.tokens) ?? [];
  const revoke = useRevokeToken();
  const soon = tokensRows.filter((t) => t.expiringSoon && t.owner === username) ?? [];

  return (
    <>
      {soon.length > 0 && (
        <div className="card" role="status" style={{ borderColor: "var(--warn-border)", background: "var(--warn-bg)" }}>
          {soon.length} token{soon.length === 1 ? " expires" : "s expire"} within 7 days:{" "}
          {soon.map((t) => t.name).join(", ")}.
        </div>
      )}
      <NewTokenForm username={username} registryHost={registryHost} policy={policy} />
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>{all ? "Everyone's tokens" : "Your tokens"}</h2>
        {canSeeAll && (
          <div className="segmented" role="group" aria-label="Whose tokens">
            <button type="button" aria-pressed={all} onClick={() => setAll(true)}>
              Everyone&apos;s tokens
            </button>
            <button type="button" aria-pressed={!all} onClick={() => setAll(false)}>
              Yours
            </button>
          </div>
        )}
      </div>
      {tokens.isPending && <p className="muted">Loading tokens…</p>}
      {tokens.isError && (
        <div className="error" role="alert">
          Could not load tokens: {tokens.error.message}
        </div>
      )}
      {revoke.isError && (
        <div className="error" role="alert">
          Could not revoke: {revoke.error.message}
        </div>
      )}
      {tokens.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {all && <th>Owner</th>}
                <th>Name</th>
                <th>Token</th>
                <th>Scopes</th>
                <th>Status</th>
                <th>Expires</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokensRows.map((t) => (
                <tr key={t.id} data-testid={`token-${t.name}`}>
                  {all && (
                    <td className="mono">
                      {t.owner}
                      {t.ownerKind === "service-account" ? <span className="badge"> robot</span> : null}
                    </td>
                  )}
                  <td>{t.name}</td>
                  <td className="mono">
                    {t.prefix}…{" "}
                    {canSeeAll && (
                      <Link href={`/audit?credential=${encodeURIComponent(`token:${t.id}`)}`} className="muted">
                        events
                      </Link>
                    )}
                  </td>
                  <td>
                    {t.scopes ? (
                      t.scopes.map((s) => `${s.repository}: ${s.actions.join(",")}`).join("; ")
                    ) : (
                      <span className="muted">all your access</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge ${t.status === "active" ? (t.expiringSoon ? "warn" : "ok") : "danger"}`}>
                      {t.status === "active" && t.expiringSoon ? "expires soon" : t.status}
                    </span>
                  </td>
                  <td>{t.expiresAt ? fmt(t.expiresAt) : "never"}</td>
                  <td>
                    {fmt(t.lastUsedAt)}
                    {t.lastUsedIp ? <span className="muted"> from {t.lastUsedIp}</span> : null}
                  </td>
                  <td>
                    {t.status === "active" &&
                      (confirming === t.id ? (
                        <span style={{ display: "flex", gap: 6 }}>
                          <button
                            className="primary"
                            onClick={() => revoke.mutate(t.id, { onSuccess: () => setConfirming(null) })}
                            disabled={revoke.isPending}
                          >
                            Confirm revoke
                          </button>
                          <button onClick={() => setConfirming(null)}>Cancel</button>
                        </span>
                      ) : (
                        <span className="row">
                          <button
                            onClick={() => {
                              setRotating(t);
                              setRotated(null);
                              rotate.reset();
                            }}
                          >
                            Rotate
                          </button>
                          <button onClick={() => setConfirming(t.id)}>Revoke</button>
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {tokensRows.length === 0 && <div className="empty">No tokens yet. Create one for CI above.</div>}
          <LoadMore query={tokens} label="More tokens" />
        </div>
      )}
      <Dialog title={`Rotate ${rotating?.name ?? ""}`} open={rotating !== null} onClose={() => setRotating(null)}>
        {rotating && !rotated && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              rotate.mutate(
                { id: rotating.id, graceHours: Number(new FormData(e.currentTarget).get("grace")) },
                { onSuccess: (r) => setRotated(r.token) },
              );
            }}
          >
            <ErrorNote error={rotate.error} />
            <p>
              A new secret for the same token (name and scopes). Keep the old one working while CI picks up the new one:
            </p>
            <div className="field">
              <label htmlFor="grace">Old secret keeps working for</label>
              <select id="grace" name="grace" defaultValue="24">
                {GRACE.map((g) => (
                  <option key={g.hours} value={g.hours}>
                    {g.label}
                  </option>
                ))}
              </select>
            </div>
            <button className="primary" type="submit" disabled={rotate.isPending}>
              Rotate
            </button>
          </form>
        )}
        {rotated && <SecretOnce secret={rotated} username={username} registryHost={registryHost} />}
      </Dialog>
    </>
  );
}
