"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { Time } from "@/components/ui/Time";
import { useDiagnose } from "@/lib/query/diagnose";

/** A box for the output of a failed push or pull; answers each problem it recognises with its cause and fix. */
export function PasteError() {
  const run = useDiagnose();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="card">
      <SchemaForm
        aria-label="Diagnose a client error"
        schema={() => import("@/lib/validation/diagnose").then((m) => m.diagnoseInput)}
        read={(f) => ({ text: String(f.get("text") ?? "") })}
        onMessage={setError}
        onValid={(data) => {
          setError(null);
          run.mutate(data);
        }}
      >
        <div className="field">
          <label htmlFor="paste-error">The output of the failed command</label>
          <textarea
            id="paste-error"
            name="text"
            rows={6}
            className="mono"
            placeholder="denied: requested access to the resource is denied"
          />
        </div>
        <ErrorNote error={error ?? run.error} />
        <button className="primary" type="submit" disabled={run.isPending}>
          {run.isPending ? "Reading…" : "Explain"}
        </button>
      </SchemaForm>
      {run.data && (
        <div data-testid="diagnosis" style={{ marginTop: 16 }}>
          {run.data.findings.length === 0 && (
            <p className="notice">
              Nothing Portcullis recognises. Ask an administrator, with the whole output and the time it happened.
            </p>
          )}
          {run.data.findings.map((f) => (
            <section key={f.id} className="notice" style={{ marginBottom: 12 }}>
              <h2 style={{ marginTop: 0 }}>{f.title}</h2>
              <p>{f.cause}</p>
              <ol>
                {f.fix.map((step) => (
                  <li key={step} className={/^(docker|podman|skopeo|curl) /.test(step) ? "mono" : undefined}>
                    {step}
                  </li>
                ))}
              </ol>
              {f.link && <Link href={f.link.href}>{f.link.label}</Link>}
            </section>
          ))}
          {run.data.lastRefusal && (
            <section className="notice" data-testid="last-refusal" style={{ marginBottom: 12 }}>
              <h2 style={{ marginTop: 0 }}>Your most recent refused request</h2>
              <p className="muted">
                <Time value={run.data.lastRefusal.time} />
                {run.data.lastRefusal.repository ? ` · ${run.data.lastRefusal.repository}` : ""}
              </p>
              {run.data.lastRefusal.explanations.map((e) => (
                <p key={e.summary}>
                  <strong>{e.summary}</strong> {e.fix[0]}
                </p>
              ))}
              <Link href="/me">All your recent refusals</Link>
            </section>
          )}
          {run.data.registry && (
            <p className="muted">
              Written for {run.data.registry.name} ({run.data.registry.host}).
            </p>
          )}
        </div>
      )}
    </div>
  );
}
