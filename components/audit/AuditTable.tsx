"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, queryKeys } from "@/lib/query/api";

interface AuditEventView {
  id: string;
  time: string;
  actorName: string | null;
  actorKind: string;
  credential: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  repository: string | null;
  clientIp: string | null;
  details?: { decisions?: { scope: string; granted: string[]; denied: { action: string; reason: string }[] }[] } | null;
}

/** For a denied or partial token decision: the recorded trace, and a link to replay it in the simulator. */
function Trace({ e }: { e: AuditEventView }) {
  if (e.action !== "token.issue" || (e.outcome !== "denied" && e.outcome !== "partial")) return null;
  const decisions = e.details?.decisions ?? [];
  const token = e.credential?.startsWith("token:") ? e.credential.slice(6) : null;
  const denied = decisions.flatMap((d) => d.denied.map((x) => x.action)).filter((a) => ["pull", "push", "delete"].includes(a));
  const q = new URLSearchParams({
    ...(token ? { token } : e.actorName ? { user: e.actorName } : {}),
    ...(e.repository ? { repository: e.repository } : {}),
    ...(denied.length ? { actions: [...new Set(denied)].join(",") } : {}),
  });
  return (
    <details>
      <summary>Trace</summary>
      <ul data-testid="trace">
        {decisions.map((d) => (
          <li key={d.scope}>
            <code>{d.scope}</code>: granted {d.granted.join(", ") || "nothing"}
            {d.denied.map((x) => <div key={x.action} className="muted">{x.action}: {x.reason}</div>)}
          </li>
        ))}
        {decisions.length === 0 && <li className="muted">authentication failed: {e.reason}</li>}
      </ul>
      {(token || e.actorName) && <a href={`/access?${q}`}>Why? Check it in the simulator →</a>}
    </details>
  );
}

const OUTCOME_CLASS: Record<string, string> = { granted: "ok", success: "ok", partial: "warn", denied: "danger", failure: "danger" };

export function AuditTable() {
  const [filter, setFilter] = useState<Record<string, string>>({});
  const q = useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ ...filter, limit: "50", ...(pageParam ? { cursor: pageParam } : {}) });
      return api<{ events: AuditEventView[]; nextCursor: string | null }>(`/api/v1/audit-events?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of ["actor", "repository", "outcome", "action"]) {
      const v = String(f.get(k) ?? "").trim();
      if (v) next[k] = v;
    }
    setFilter(next);
  }

  const events = q.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <>
      <form className="card" onSubmit={onSubmit} style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))", gap: 8 }}>
        <input aria-label="Actor" name="actor" placeholder="Actor" />
        <input aria-label="Repository" name="repository" placeholder="Repository" />
        <input aria-label="Action" name="action" placeholder="Action (e.g. token.issue)" />
        <select aria-label="Outcome" name="outcome" defaultValue="">
          <option value="">Any outcome</option>
          {["granted", "partial", "denied", "success", "failure"].map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
        <button type="submit">Filter</button>
      </form>
      {q.isPending && <p className="muted">Loading events…</p>}
      {q.isError && <div className="error" role="alert">Could not load the audit log: {q.error.message}</div>}
      {q.data && (
        <div className="table-wrap">
          <table>
            <thead><tr><th>Time (UTC)</th><th>Actor</th><th>Action</th><th>Outcome</th><th>Repository</th><th>Reason</th><th>Client</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="mono">{e.time.slice(0, 19).replace("T", " ")}</td>
                  <td>{e.actorName ?? <span className="muted">{e.actorKind}</span>}{e.credential ? <div className="muted mono">{e.credential}</div> : null}</td>
                  <td className="mono">{e.action}</td>
                  <td><span className={`badge ${OUTCOME_CLASS[e.outcome] ?? ""}`}>{e.outcome}</span></td>
                  <td className="mono">{e.repository ?? ""}</td>
                  <td style={{ maxWidth: 320, wordBreak: "break-word" }}>{e.reason ?? ""}<Trace e={e} /></td>
                  <td className="mono">{e.clientIp ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.length === 0 && <div className="empty">No events match.</div>}
        </div>
      )}
      {q.hasNextPage && (
        <button style={{ marginTop: 12 }} onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? "Loading…" : "Load older events"}
        </button>
      )}
    </>
  );
}
