"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import {
  useAddRegistry,
  useChangeRegistry,
  useDeleteRegistry,
  useRegistries,
  type RegistryView,
} from "@/lib/query/registries";
import { CheckCard } from "./CheckCard";

/** Configured registries: add, change, remove, and check each one with the exact fix for what fails. */
export function RegistriesPanel({ canWrite, canCheck }: { canWrite: boolean; canCheck: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const registries = useRegistries();
  const done = { onSuccess: () => setError(null), onError: (e: Error) => setError(e.message) };
  const add = useAddRegistry();
  const patch = useChangeRegistry((e) => setError(e.message));
  const remove = useDeleteRegistry();

  return (
    <>
      <ErrorNote error={error ?? registries.error} />
      <div className="table-wrap" style={{ marginBottom: 18 }}>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>URL</th>
              <th>Service</th>
              <th>Auth</th>
              <th>Browsing</th>
              <th>Private network</th>
              {canWrite && <th />}
            </tr>
          </thead>
          <tbody>
            {registries.data?.registries.map((r) => (
              <tr key={r.id} data-testid={`registry-${r.name}`}>
                <td>{r.name}</td>
                <td className="mono">{r.url}</td>
                <td className="mono">{r.service}</td>
                <td>
                  <span className="badge">{r.authMode}</span>
                </td>
                <td>
                  {canWrite ? (
                    <select
                      aria-label={`Browsing ${r.name}`}
                      value={r.browseMode}
                      onChange={(e) =>
                        patch.mutate({
                          name: r.name,
                          body: { browseMode: e.target.value as RegistryView["browseMode"] },
                        })
                      }
                      style={{ width: "auto" }}
                    >
                      <option value="server">through Portcullis</option>
                      <option value="direct">direct from the browser (needs CORS)</option>
                    </select>
                  ) : (
                    r.browseMode
                  )}
                </td>
                <td>
                  {canWrite ? (
                    <label className="checks" style={{ fontWeight: 400 }}>
                      <input
                        type="checkbox"
                        checked={r.allowPrivateNetwork}
                        onChange={(e) =>
                          patch.mutate({ name: r.name, body: { allowPrivateNetwork: e.target.checked } })
                        }
                      />{" "}
                      allowed
                    </label>
                  ) : r.allowPrivateNetwork ? (
                    "allowed"
                  ) : (
                    "blocked"
                  )}
                </td>
                {canWrite && (
                  <td>
                    <ConfirmButton label="Remove" onConfirm={() => remove.mutate(r.name, done)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canCheck && registries.data?.registries.map((r) => <CheckCard key={r.id} registry={r} canWrite={canWrite} />)}
      {canWrite && (
        <SchemaForm
          className="card"
          aria-label="Add a registry"
          schema={() => import("@/lib/validation/registry").then((m) => m.registryInput)}
          read={(f) => ({
            name: fieldText(f, "name"),
            url: fieldText(f, "url"),
            service: fieldText(f, "service"),
            authMode: fieldText(f, "authMode"),
            allowPrivateNetwork: f.get("allowPrivateNetwork") === "on",
          })}
          onMessage={setError}
          onValid={(data, form) =>
            add.mutate(data, {
              ...done,
              onSuccess: () => {
                done.onSuccess();
                form.reset();
              },
            })
          }
        >
          <h2>Add a registry</h2>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="reg-name">Name</label>
              <input id="reg-name" name="name" placeholder="production" />
            </div>
            <div className="field">
              <label htmlFor="reg-url">URL</label>
              <input id="reg-url" name="url" placeholder="https://registry.example.com" />
            </div>
            <div className="field">
              <label htmlFor="reg-service">Service (its auth.token.service)</label>
              <input id="reg-service" name="service" placeholder="registry.example.com" />
            </div>
            <div className="field">
              <label htmlFor="reg-auth">Authentication</label>
              <select id="reg-auth" name="authMode" defaultValue="token">
                <option value="token">token (Portcullis decides per repository)</option>
                <option value="htpasswd">htpasswd file</option>
              </select>
            </div>
          </div>
          <div className="checks field">
            <label>
              <input type="checkbox" name="allowPrivateNetwork" /> It is on a private network (allow Portcullis to probe
              private addresses)
            </label>
          </div>
          <button className="primary" type="submit" disabled={add.isPending}>
            Add registry
          </button>
        </SchemaForm>
      )}
    </>
  );
}
