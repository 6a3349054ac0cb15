"use client";

import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { useAuditEvents, type AuditFilterView } from "@/lib/query/audit";
import { Trace } from "./Trace";

const OUTCOME_CLASS: Record<string, string> = {
  granted: "ok",
  success: "ok",
  partial: "warn",
  denied: "danger",
  failure: "danger",
};

/** The events matching the filter, newest first, a keyset page at a time. */
export function AuditEventsTable({ filter }: { filter: AuditFilterView }) {
  const events = useAuditEvents(filter);
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <>
      <ErrorNote error={events.error} />
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
