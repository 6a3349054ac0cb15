"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, queryKeys } from "@/lib/query/api";
import { NewTokenForm } from "./NewTokenForm";

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  status: "active" | "expired" | "revoked";
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdAt: string;
  expiringSoon: boolean;
  scopes: { repository: string; actions: string[] }[] | null;
}

const fmt = (v: string | null) => (v ? new Date(v).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

export function TokensPanel({ username, registryHost }: { username: string; registryHost: string }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: () => api<{ tokens: TokenView[] }>("/api/v1/tokens") });
  const revoke = useMutation({
    mutationFn: (id: string) => api<TokenView>(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const soon = tokens.data?.tokens.filter((t) => t.expiringSoon) ?? [];

  return (
    <>
      {soon.length > 0 && (
        <div className="card" role="status" style={{ borderColor: "#fedf89", background: "#fffaeb" }}>
          {soon.length} token{soon.length === 1 ? " expires" : "s expire"} within 7 days: {soon.map((t) => t.name).join(", ")}.
        </div>
      )}
      <NewTokenForm username={username} registryHost={registryHost} />
      <h2>Your tokens</h2>
      {tokens.isPending && <p className="muted">Loading tokens…</p>}
      {tokens.isError && <div className="error" role="alert">Could not load tokens: {tokens.error.message}</div>}
      {revoke.isError && <div className="error" role="alert">Could not revoke: {revoke.error.message}</div>}
      {tokens.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th>Name</th><th>Token</th><th>Scopes</th><th>Status</th><th>Expires</th><th>Last used</th><th /></tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((t) => (
                <tr key={t.id} data-testid={`token-${t.name}`}>
                  <td>{t.name}</td>
                  <td className="mono">{t.prefix}…</td>
                  <td>{t.scopes ? t.scopes.map((s) => `${s.repository}: ${s.actions.join(",")}`).join("; ") : <span className="muted">all your access</span>}</td>
                  <td>
                    <span className={`badge ${t.status === "active" ? (t.expiringSoon ? "warn" : "ok") : "danger"}`}>
                      {t.status === "active" && t.expiringSoon ? "expires soon" : t.status}
                    </span>
                  </td>
                  <td>{t.expiresAt ? fmt(t.expiresAt) : "never"}</td>
                  <td>{fmt(t.lastUsedAt)}{t.lastUsedIp ? <span className="muted"> from {t.lastUsedIp}</span> : null}</td>
                  <td>
                    {t.status === "active" &&
                      (confirming === t.id ? (
                        <span style={{ display: "flex", gap: 6 }}>
                          <button className="primary" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending}>Confirm revoke</button>
                          <button onClick={() => setConfirming(null)}>Cancel</button>
                        </span>
                      ) : (
                        <button onClick={() => setConfirming(t.id)}>Revoke</button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {tokens.data.tokens.length === 0 && <div className="empty">No tokens yet. Create one for CI above.</div>}
        </div>
      )}
    </>
  );
}
