"use client";

import type { AuditFilterView } from "@/lib/query/audit";
import { OPERATIONS, OUTCOMES } from "@/lib/validation/terms";

const TEXT_FIELDS = ["actor", "repository", "tag", "action", "credential", "q"] as const;

/** datetime-local ("2026-11-24T10:00", read as UTC) → ISO. */
const toIso = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : "");

/** The audit filter: who, what, where, when, outcome; starts from the URL's filter. */
export function AuditFilterForm({
  initial,
  onFilter,
}: {
  initial: AuditFilterView;
  onFilter: (f: AuditFilterView) => void;
}) {
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next: AuditFilterView = {};
    for (const k of TEXT_FIELDS) {
      const v = String(f.get(k) ?? "").trim();
      if (v) next[k] = v;
    }
    for (const k of ["operation", "outcome"] as const) {
      const v = String(f.get(k) ?? "");
      if (v) next[k] = v;
    }
    if (f.get("prefix") === "on" && next.repository) next.prefix = "true";
    for (const k of ["from", "to"] as const) {
      const v = toIso(String(f.get(k) ?? ""));
      if (v) next[k] = v;
    }
    onFilter(next);
  }

  return (
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
          <label htmlFor="a-operation">Operation</label>
          <select id="a-operation" name="operation" defaultValue={initial.operation ?? ""}>
            <option value="">any</option>
            {OPERATIONS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-outcome">Outcome (of that operation)</label>
          <select id="a-outcome" name="outcome" defaultValue={initial.outcome ?? ""}>
            <option value="">any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o === "denied" ? "denied (wholly or partly)" : o}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-cred">Credential</label>
          <input id="a-cred" name="credential" placeholder="token:<id>, password…" defaultValue={initial.credential} />
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
  );
}
