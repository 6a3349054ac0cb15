"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { api } from "@/lib/query/api";
import { registryInput } from "@/lib/validation/registry";

export interface RegistryView {
  id: string;
  name: string;
  url: string;
  service: string;
  authMode: "token" | "htpasswd";
  browseMode: "server" | "direct";
  allowPrivateNetwork: boolean;
}
interface CheckResult { check: string; status: "ok" | "warn" | "fail" | "skipped"; detail: string; fix?: string }

const BADGE: Record<CheckResult["status"], string> = { ok: "ok", warn: "warn", fail: "danger", skipped: "" };
const KEY = ["registries"] as const;

/** Configured registries: add, change, remove, and check each one with the exact fix for what fails. */
export function RegistriesPanel({ canWrite, canCheck }: { canWrite: boolean; canCheck: boolean }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const registries = useQuery({ queryKey: KEY, queryFn: () => api<{ registries: RegistryView[] }>("/api/v1/registries") });
  const done = { onSuccess: () => { setError(null); void qc.invalidateQueries({ queryKey: KEY }); }, onError: (e: Error) => setError(e.message) };
  const add = useMutation({ mutationFn: (body: unknown) => api("/api/v1/registries", { method: "POST", body }), ...done });
  // Optimistic: the toggle moves at once and moves back if the server refuses.
  const patch = useMutation({
    mutationFn: ({ name, body }: { name: string; body: Partial<RegistryView> }) => api(`/api/v1/registries/${encodeURIComponent(name)}`, { method: "PATCH", body }),
    onMutate: ({ name, body }) => {
      const previous = qc.getQueryData<{ registries: RegistryView[] }>(KEY);
      qc.setQueryData<{ registries: RegistryView[] }>(KEY, (d) => d && { registries: d.registries.map((r) => (r.name === name ? { ...r, ...body } : r)) });
      void qc.cancelQueries({ queryKey: KEY });
      return { previous };
    },
    onError: (e: Error, _v, ctx) => {
      if (ctx?.previous) qc.setQueryData(KEY, ctx.previous);
      setError(e.message);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const remove = useMutation({ mutationFn: (name: string) => api(`/api/v1/registries/${encodeURIComponent(name)}`, { method: "DELETE" }), ...done });

  return (
    <>
      <ErrorNote error={error ?? registries.error} />
      <div className="table-wrap" style={{ marginBottom: 18 }}>
        <table>
          <thead><tr><th>Name</th><th>URL</th><th>Service</th><th>Auth</th><th>Browsing</th><th>Private network</th>{canWrite && <th />}</tr></thead>
          <tbody>
            {registries.data?.registries.map((r) => (
              <tr key={r.id} data-testid={`registry-${r.name}`}>
                <td>{r.name}</td>
                <td className="mono">{r.url}</td>
                <td className="mono">{r.service}</td>
                <td><span className="badge">{r.authMode}</span></td>
                <td>
                  {canWrite ? (
                    <select aria-label={`Browsing ${r.name}`} value={r.browseMode} onChange={(e) => patch.mutate({ name: r.name, body: { browseMode: e.target.value as RegistryView["browseMode"] } })} style={{ width: "auto" }}>
                      <option value="server">through Portcullis</option>
                      <option value="direct">direct from the browser (needs CORS)</option>
                    </select>
                  ) : r.browseMode}
                </td>
                <td>
                  {canWrite ? (
                    <label className="checks" style={{ fontWeight: 400 }}>
                      <input type="checkbox" checked={r.allowPrivateNetwork} onChange={(e) => patch.mutate({ name: r.name, body: { allowPrivateNetwork: e.target.checked } })} /> allowed
                    </label>
                  ) : r.allowPrivateNetwork ? "allowed" : "blocked"}
                </td>
                {canWrite && <td><ConfirmButton label="Remove" onConfirm={() => remove.mutate(r.name)} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canCheck && registries.data?.registries.map((r) => <CheckCard key={r.id} registry={r} />)}
      {canWrite && (
        <SchemaForm
          className="card"
          aria-label="Add a registry"
          schema={registryInput}
          read={(f) => ({
            name: fieldText(f, "name"), url: fieldText(f, "url"), service: fieldText(f, "service"),
            authMode: fieldText(f, "authMode"), allowPrivateNetwork: f.get("allowPrivateNetwork") === "on",
          })}
          onMessage={setError}
          onValid={(data, form) => add.mutate(data, { onSuccess: () => form.reset() })}
        >
          <h2>Add a registry</h2>
          <div className="form-grid">
            <div className="field"><label htmlFor="reg-name">Name</label><input id="reg-name" name="name" placeholder="production" /></div>
            <div className="field"><label htmlFor="reg-url">URL</label><input id="reg-url" name="url" placeholder="https://registry.example.com" /></div>
            <div className="field"><label htmlFor="reg-service">Service (its auth.token.service)</label><input id="reg-service" name="service" placeholder="registry.example.com" /></div>
            <div className="field"><label htmlFor="reg-auth">Authentication</label>
              <select id="reg-auth" name="authMode" defaultValue="token"><option value="token">token (Portcullis decides per repository)</option><option value="htpasswd">htpasswd file</option></select>
            </div>
          </div>
          <div className="checks field"><label><input type="checkbox" name="allowPrivateNetwork" /> It is on a private network (allow Portcullis to probe private addresses)</label></div>
          <button className="primary" type="submit" disabled={add.isPending}>Add registry</button>
        </SchemaForm>
      )}
    </>
  );
}

function CheckCard({ registry }: { registry: RegistryView }) {
  const check = useMutation({ mutationFn: () => api<{ results: CheckResult[]; checkedAt: string }>(`/api/v1/registries/${encodeURIComponent(registry.name)}/check`, { method: "POST" }) });
  return (
    <div className="card" data-testid={`check-${registry.name}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: 0 }}>Check {registry.name}</h2>
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>{check.isPending ? "Checking…" : "Run checks"}</button>
      </div>
      <ErrorNote error={check.error} />
      {check.data && (
        <table style={{ marginTop: 12 }}>
          <thead><tr><th>Check</th><th>Result</th><th>Detail and fix</th></tr></thead>
          <tbody>
            {check.data.results.map((r) => (
              <tr key={r.check}>
                <td>{r.check}</td>
                <td><span className={`badge ${BADGE[r.status]}`}>{r.status}</span></td>
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
