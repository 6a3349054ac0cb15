"use client";

import { CredentialBehind } from "@/components/audit/CredentialBehind";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useTagHistory } from "@/lib/query/audit";
import type { TagHistoryView } from "@/lib/validation/audit";

type Change = TagHistoryView["changes"][number];

const short = (d: string | null) => (d ? d.replace(/^sha256:/, "").slice(0, 12) : "—");
const KIND: Record<Change["kind"], string> = { new: "ok", overwrite: "danger", same: "" };

/** "Who overwrote prod:latest, and who tried and failed": tag moves from registry events, refusals from token decisions. */
export function TagHistory({ initial }: { initial: { repository?: string; tag?: string } }) {
  const q = useTagHistory();
  return (
    <>
      <form
        className="toolbar card"
        aria-label="Tag history"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          q.mutate({ repository: String(f.get("repository") ?? "").trim(), tag: String(f.get("tag") ?? "").trim() });
        }}
      >
        <div className="field">
          <label htmlFor="t-repo">Repository</label>
          <input id="t-repo" name="repository" defaultValue={initial.repository} placeholder="team/app" />
        </div>
        <div className="field">
          <label htmlFor="t-tag">Tag (optional)</label>
          <input id="t-tag" name="tag" defaultValue={initial.tag} placeholder="latest" />
        </div>
        <button type="submit" className="primary">
          Show history
        </button>
      </form>
      <ErrorNote error={q.error} />
      {q.data && (
        <>
          <h2>Pushes</h2>
          <div className="table-wrap" style={{ marginBottom: 18 }}>
            <table data-testid="tag-changes">
              <thead>
                <tr>
                  <th>Time (UTC)</th>
                  <th>Tag</th>
                  <th>Change</th>
                  <th>Digest</th>
                  <th>Was</th>
                  <th>By</th>
                  <th>From</th>
                  <th>Credential</th>
                </tr>
              </thead>
              <tbody>
                {q.data.changes.map((c) => (
                  <tr key={c.id}>
                    <td className="mono">
                      <a href={`/audit/${c.id}`}>{c.time.slice(0, 19).replace("T", " ")}</a>
                    </td>
                    <td className="mono">{c.tag}</td>
                    <td>
                      <span className={`badge ${KIND[c.kind]}`}>
                        {c.kind === "same" ? "pushed again, unchanged" : c.kind}
                      </span>
                    </td>
                    <td className="mono" title={c.digest ?? ""}>
                      {short(c.digest)}
                    </td>
                    <td className="mono" title={c.previous ?? ""}>
                      {c.kind === "overwrite" ? short(c.previous) : ""}
                    </td>
                    <td className="mono">{c.actor ?? "—"}</td>
                    <td className="mono">{c.clientIp ?? ""}</td>
                    <td>
                      <CredentialBehind a={c.credential} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {q.data.changes.length === 0 && <div className="empty">No tagged pushes recorded for this repository.</div>}
          </div>
          <h2>Refused push attempts</h2>
          <div className="table-wrap">
            <table data-testid="denied-pushes">
              <thead>
                <tr>
                  <th>Time (UTC)</th>
                  <th>Who</th>
                  <th>Why</th>
                  <th>From</th>
                  <th>Credential</th>
                </tr>
              </thead>
              <tbody>
                {q.data.deniedPushes.map((d) => (
                  <tr key={d.id}>
                    <td className="mono">
                      <a href={`/audit/${d.id}`}>{d.time.slice(0, 19).replace("T", " ")}</a>
                    </td>
                    <td className="mono">{d.actorName ?? "anonymous"}</td>
                    <td>{d.reason}</td>
                    <td className="mono">{d.clientIp}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {q.data.deniedPushes.length === 0 && <div className="empty">Nobody was refused a push here.</div>}
          </div>
        </>
      )}
    </>
  );
}
