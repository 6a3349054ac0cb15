"use client";

import { useState } from "react";
import { RegistrySelect } from "@/components/ui/RegistrySelect";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useGenerateHtpasswd } from "@/lib/query/registries";
import { downloadText } from "./download";

/** Generates the registry's htpasswd file; every account's new credential is shown once. */
export function HtpasswdPanel({ writePath, registries }: { writePath: string | null; registries: string[] }) {
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState("all");
  const gen = useGenerateHtpasswd();
  return (
    <div className="card" data-testid="htpasswd-panel">
      <h2>htpasswd file</h2>
      <p className="muted">
        Portcullis never stores passwords in a form it could write into a file, so each account gets a new credential
        now: a random registry password, or a new access token used as the password (revocable here, but the registry
        only learns of it when you generate the file again). Copy them now: they are shown once.
      </p>
      <SchemaForm
        aria-label="Generate htpasswd"
        schema={() => import("@/lib/validation/registry").then((m) => m.htpasswdInput)}
        read={(f) => {
          const type = fieldText(f, "scope");
          return {
            accounts:
              type === "team" || type === "registry"
                ? { type, name: fieldText(f, type) }
                : type === "selected"
                  ? {
                      type,
                      names: fieldText(f, "names")
                        .split(/[\s,]+/)
                        .filter(Boolean),
                    }
                  : { type: "all" },
            credential: fieldText(f, "credential"),
            tokenDays: Number(f.get("tokenDays")),
            write: f.get("write") === "on",
          };
        }}
        onMessage={setError}
        onValid={(data) => gen.mutate(data)}
      >
        <ErrorNote error={error ?? gen.error} />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="ht-scope">Accounts</label>
            <select id="ht-scope" name="scope" value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="all">every enabled user and service account</option>
              <option value="team">a team (members and its robots)</option>
              <option value="registry">whoever may use a registry (admins, and accounts a grant there reaches)</option>
              <option value="selected">selected accounts</option>
            </select>
          </div>
          {scope === "team" && (
            <div className="field">
              <label htmlFor="ht-team">Team</label>
              <input id="ht-team" name="team" />
            </div>
          )}
          {scope === "registry" && (
            <RegistrySelect id="ht-registry" name="registry" label="Registry" everyLabel={null} names={registries} />
          )}
          {scope === "selected" && (
            <div className="field">
              <label htmlFor="ht-names">Account names</label>
              <input id="ht-names" name="names" placeholder="alice, ci-bot" />
            </div>
          )}
          <div className="field">
            <label htmlFor="ht-cred">Credential</label>
            <select id="ht-cred" name="credential" defaultValue="generated">
              <option value="generated">a random registry password</option>
              <option value="token">a new access token</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="ht-days">Token lifetime (days)</label>
            <input id="ht-days" name="tokenDays" type="number" defaultValue="90" />
          </div>
        </div>
        <div className="checks field">
          <label>
            <input type="checkbox" name="write" disabled={!writePath} /> Also write it to{" "}
            {writePath ? <code>{writePath}</code> : "the configured path (set PORTCULLIS_HTPASSWD_PATH)"}
          </label>
        </div>
        <button className="primary" type="submit" disabled={gen.isPending}>
          {gen.isPending ? "Generating…" : "Generate"}
        </button>
      </SchemaForm>
      {gen.data && (
        <div role="status" style={{ marginTop: 14 }}>
          {gen.data.written && (
            <p className="notice">
              Written to <code>{gen.data.written}</code> (atomically). Restart or reload the registry to pick it up.
            </p>
          )}
          <table data-testid="htpasswd-credentials">
            <thead>
              <tr>
                <th>Account</th>
                <th>Password for docker login (shown once)</th>
              </tr>
            </thead>
            <tbody>
              {gen.data.credentials.map((c) => (
                <tr key={c.account}>
                  <td className="mono">{c.account}</td>
                  <td className="mono" style={{ wordBreak: "break-all" }}>
                    {c.password}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" style={{ marginTop: 10 }} onClick={() => downloadText("htpasswd", gen.data.file)}>
            Download htpasswd
          </button>
        </div>
      )}
    </div>
  );
}
