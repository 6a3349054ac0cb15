"use client";

import { ErrorNote } from "@/components/ui/ErrorNote";
import { useRegistryCheck, type RegistryCheck, type RegistryView } from "@/lib/query/registries";

const BADGE: Record<RegistryCheck["results"][number]["status"], string> = {
  ok: "ok",
  warn: "warn",
  fail: "danger",
  skipped: "",
};

export function CheckCard({ registry }: { registry: RegistryView }) {
  const check = useRegistryCheck(registry.name);
  return (
    <div className="card" data-testid={`check-${registry.name}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: 0 }}>Check {registry.name}</h2>
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? "Checking…" : "Run checks"}
        </button>
      </div>
      <ErrorNote error={check.error} />
      {check.data && (
        <table style={{ marginTop: 12 }}>
          <thead>
            <tr>
              <th>Check</th>
              <th>Result</th>
              <th>Detail and fix</th>
            </tr>
          </thead>
          <tbody>
            {check.data.results.map((r) => (
              <tr key={r.check}>
                <td>{r.check}</td>
                <td>
                  <span className={`badge ${BADGE[r.status]}`}>{r.status}</span>
                </td>
                <td>
                  {r.detail}
                  {r.fix && <pre style={{ marginTop: 6, whiteSpace: "pre-wrap" }}>{r.fix}</pre>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
