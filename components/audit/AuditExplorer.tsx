"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import {
  auditCount,
  useActivity,
  useAuditEvents,
  useTopDenied,
  useVerifyChain,
  type AuditFilterView,
} from "@/lib/query/audit";
import { ActivityChart } from "./ActivityChart";
import { Trace } from "./Trace";

const OUTCOME_CLASS: Record<string, string> = {
  granted: "ok",
  success: "ok",
  partial: "warn",
  denied: "danger",
  failure: "danger",
};
const TEXT_FIELDS = ["actor", "repository", "tag", "action", "credential", "q"] as const;

/** datetime-local ("2026-11-24T10:00", read as UTC) → ISO. */
const toIso = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : "");

/** The audit log: filters, activity chart and top denials, the events (keyset pages), export and chain verification. */
export function AuditExplorer({ initial }: { initial: AuditFilterView }) {
  const [filter, setFilter] = useState<AuditFilterView>(initial);
  const [bucket, setBucket] = useState<"hour" | "day">("hour");
  const qs = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ ...(filter as Record<string, string>), ...extra }).toString();
  const events = useAuditEvents(filter);
  const activity = useActivity(filter, bucket);
  const top = useTopDenied(filter);
  const verify = useVerifyChain();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next: AuditFilterView = {};
    for (const k of TEXT_FIELDS) {
      const v = String(f.get(k) ?? "").trim();
      if (v) next[k] = v;
    }
    const outcome = String(f.get("outcome") ?? "");
    if (outcome) next.outcome = outcome;
    if (f.get("prefix") === "on" && next.repository) next.prefix = "true";
    for (const k of ["from", "to"] as const) {
      const v = toIso(String(f.get(k) ?? ""));
      if (v) next[k] = v;
    }
    setFilter(next);
  }

  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <>
      <form className="card" onSubmit={onSubmit} aria-label="Filter the audit log">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="a-from">From (UTC)</label>
            <input id="a-from" name="from" type="datetime-local" defaultValue={initial.from?.slice(0, 16)} />
          </div>
          <div className="field">
            <label htmlFor="a-to">To (UTC)</label>
            <input id="a-to" name="to" type="datetime-local" defaultValue={initial.to?.slice(0, 16)} />
          </div>
          <div className="field">
            <label htmlFor="a-actor">Actor</label>
            <input id="a-actor" name="actor" defaultValue={initial.actor} />
          </div>
          <div className="field">
            <label htmlFor="a-repo">Repository</label>
            <input id="a-repo" name="repository" defaultValue={initial.repository} />
            <div className="checks">
              <label>
                <input type="checkbox" name="prefix" defaultChecked={initial.prefix === "true"} /> as a prefix
              </label>
            </div>
          </div>
          <div className="field">
            <label htmlFor="a-tag">Tag</label>
            <input id="a-tag" name="tag" defaultValue={initial.tag} />
          </div>
          <div className="field">
            <label htmlFor="a-action">Action</label>
            <input id="a-action" name="action" placeholder="token.issue, registry. …" defaultValue={initial.action} />
          </div>
          <div className="field">
            <label htmlFor="a-outcome">Outcome</label>
            <select id="a-outcome" name="outcome" defaultValue={initial.outcome ?? ""}>
              <option value="">any</option>
              {["granted", "partial", "denied", "success", "failure"].map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="a-cred">Credential</label>
            <input
              id="a-cred"
              name="credential"
              placeholder="token:<id>, password…"
              defaultValue={initial.credential}
            />
          </div>
          <div className="field">
            <label htmlFor="a-q">Reason contains</label>
            <input id="a-q" name="q" defaultValue={initial.q} />
          </div>
        </div>
        <button type="submit" className="primary">
          Filter
        </button>
      </form>

      <div className="split" style={{ gridTemplateColumns: "minmax(0, 2fr) minmax(240px, 1fr)" }}>
        <div className="card">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 style={{ margin: 0 }}>Activity</h2>
            <select
              aria-label="Per"
              value={bucket}
              onChange={(e) => setBucket(e.target.value as "hour" | "day")}
              style={{ width: "auto" }}
            >
              <option value="hour">per hour</option>
              <option value="day">per day</option>
            </select>
          </div>
          <ErrorNote error={activity.error} />
          {activity.data && <ActivityChart buckets={activity.data.buckets} bucket={bucket} />}
        </div>
        <div className="card" data-testid="top-denied">
          <h2>Most denied</h2>
          <ErrorNote error={top.error} />
          {top.data && (
            <div className="form-grid">
              <ol>
                {top.data.subjects.map((s) => (
                  <li key={s.name}>
                    <span className="mono">{s.name}</span> <span className="muted">{s.count}</span>
                  </li>
                ))}
              </ol>
              <ol>
                {top.data.repositories.map((s) => (
                  <li key={s.name}>
                    <span className="mono">{s.name}</span> <span className="muted">{s.count}</span>
                  </li>
                ))}
              </ol>
            </div>
          )}
          {top.data && top.data.subjects.length === 0 && <p className="muted">No denials in this filter.</p>}
        </div>
      </div>

      <div className="row" style={{ justifyContent: "space-between", marginBottom: 10 }}>
        <ExportButtons query={qs()} />
        <span className="row">
          <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {verify.isPending ? "Verifying…" : "Verify the chain"}
          </button>
          {verify.data && (
            <span role="status" data-testid="verify-result" className={`badge ${verify.data.ok ? "ok" : "danger"}`}>
              {verify.data.ok
                ? `intact: ${verify.data.checked} events`
                : verify.data.firstBroken
                  ? `broken at event ${verify.data.firstBroken.id} (${verify.data.firstBroken.problem})`
                  : "the log does not match its signed checkpoint"}
            </span>
          )}
          {verify.data?.checkpoint && (
            <span className="muted" data-testid="verify-checkpoint">
              {verify.data.checkpoint.detail}
            </span>
          )}
          <a href="/api/v1/audit-events/checkpoint" download="portcullis-audit-checkpoint.json">
            Download the signed checkpoint
          </a>
        </span>
      </div>
      <ErrorNote error={verify.error ?? events.error} />

      {events.isPending && <p className="muted">Loading events…</p>}
      {events.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Outcome</th>
                <th>Repository</th>
                <th>Reason</th>
                <th>Client</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="mono">
                    <a href={`/audit/${e.id}`}>{e.time.slice(0, 19).replace("T", " ")}</a>
                  </td>
                  <td>
                    {e.actorName ?? <span className="muted">{e.actorKind}</span>}
                    {e.credential ? <div className="muted mono">{e.credential}</div> : null}
                  </td>
                  <td className="mono">{e.action}</td>
                  <td>
                    <span className={`badge ${OUTCOME_CLASS[e.outcome] ?? ""}`}>{e.outcome}</span>
                  </td>
                  <td className="mono">
                    {e.repository ?? ""}
                    {e.tag ? `:${e.tag}` : ""}
                  </td>
                  <td style={{ maxWidth: 320, wordBreak: "break-word" }}>
                    {e.reason ?? ""}
                    <Trace e={e} />
                  </td>
                  <td className="mono">{e.clientIp ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <div className="empty">No events match.</div>}
        </div>
      )}
      <LoadMore query={events} label="Load older events" />
    </>
  );
}

/** Streams the export, counting lines against the filter's total for a progress bar, then saves it. */
function ExportButtons({ query }: { query: string }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(format: "csv" | "jsonl") {
    setError(null);
    try {
      const { count } = await auditCount(query);
      setProgress({ done: 0, total: count });
      const res = await fetch(`/api/v1/audit-events/export?${query}${query ? "&" : ""}format=${format}`, {
        credentials: "same-origin",
      });
      if (!res.ok || !res.body) throw new Error(`export failed (${res.status})`);
      const reader = res.body.getReader();
      const parts: BlobPart[] = [];
      let lines = format === "csv" ? -1 : 0; // the CSV header is not an event
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const b of value) if (b === 10) lines++;
        setProgress({ done: Math.max(0, lines), total: count });
      }
      const url = URL.createObjectURL(
        new Blob(parts, { type: format === "csv" ? "text/csv" : "application/x-ndjson" }),
      );
      Object.assign(document.createElement("a"), { href: url, download: `portcullis-audit.${format}` }).click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <span className="row">
      <button type="button" onClick={() => void run("csv")}>
        Export CSV
      </button>
      <button type="button" onClick={() => void run("jsonl")}>
        Export JSON lines
      </button>
      {progress && (
        <span className="row" data-testid="export-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} /> {progress.done} / {progress.total}
        </span>
      )}
      {error && <span className="error">{error}</span>}
    </span>
  );
}
