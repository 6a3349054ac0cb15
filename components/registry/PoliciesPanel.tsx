"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { RegistrySelect } from "@/components/ui/RegistrySelect";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { usePolicyImport } from "@/lib/query/registries";
import type { PolicyImportView } from "@/lib/validation/registry";

type G = PolicyImportView["diff"]["add"][number];

const who = (s: G["subject"]) => (s.type === "public" ? "everyone" : `${s.type} ${s.name}`);

/** Grants as docker_auth / zot policy files: export, and import with a preview before anything changes. */
export function PoliciesPanel({
  canImport,
  formats,
  registries,
}: {
  canImport: boolean;
  formats: { id: string; label: string }[];
  /** The registries' names: a file is for one of them, or for the grants of every registry. */
  registries: string[];
}) {
  const [format, setFormat] = useState(formats[0]?.id ?? "");
  const [registry, setRegistry] = useState("");
  const [content, setContent] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = usePolicyImport(format);
  const d = run.data?.diff;
  const changes = d ? d.add.length + d.remove.length + d.change.length : 0;
  return (
    <div className="card" data-testid="policies-panel">
      <h2>Policy files</h2>
      <p className="muted">
        Run cesanta/docker_auth or zot with Portcullis as the source of truth: export the grants in their format.
        Patterns are written so they mean exactly what they mean here (docker_auth: anchored regular expressions; zot:{" "}
        <code>**</code>); team grants use the account label <code>team</code> in docker_auth and groups in zot.
      </p>
      <RegistrySelect
        id="pol-registry"
        label="For (a registry: its own grants and those for every registry)"
        everyLabel="the grants for every registry"
        names={registries}
        value={registry}
        onChange={(e) => {
          setRegistry(e.target.value);
          run.reset();
        }}
      />
      <p className="row">
        {formats.map((f) => (
          <a
            key={f.id}
            className="button"
            href={`/api/v1/policies/${f.id}${registry ? `?registry=${encodeURIComponent(registry)}` : ""}`}
            download
          >
            Download {f.label}
          </a>
        ))}
      </p>
      {canImport && (
        <SchemaForm
          aria-label="Import a policy file"
          schema={() => import("@/lib/validation/registry").then((m) => m.policyImportInput)}
          read={(f) => ({ content, apply: f.get("intent") === "apply", ...(registry ? { registry } : {}) })}
          onMessage={setError}
          onValid={(data) => run.mutate(data)}
        >
          <h3>Import</h3>
          <p className="muted">
            The file becomes the complete set of grants for the registry chosen above (what it adds is bound to that
            registry; grants for every registry it cannot take away), or of the grants for every registry. Preview
            first: nothing changes until you apply, and a file with any problem changes nothing.
          </p>
          <ErrorNote error={error ?? run.error} />
          <div className="toolbar">
            <div className="field">
              <label htmlFor="pol-format">Format</label>
              <select
                id="pol-format"
                value={format}
                onChange={(e) => {
                  setFormat(e.target.value);
                  run.reset();
                }}
              >
                {formats.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="pol-file">File</label>
              <input
                id="pol-file"
                type="file"
                accept=".yml,.yaml,.json,text/*"
                onChange={(e) =>
                  void e.target.files?.[0]?.text().then((t) => {
                    setContent(t);
                    run.reset();
                  })
                }
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="pol-content">Content</label>
            <textarea
              id="pol-content"
              rows={8}
              className="mono"
              style={{ width: "100%" }}
              value={content}
              onChange={(e) => {
                setContent(e.target.value);
                run.reset();
              }}
            />
          </div>
          <span className="row">
            <button type="submit" name="intent" value="preview" disabled={run.isPending}>
              Preview
            </button>
            {d && changes > 0 && !run.data?.applied && (
              <button type="submit" name="intent" value="apply" className="danger" disabled={run.isPending}>
                Apply {changes} change{changes === 1 ? "" : "s"}
              </button>
            )}
          </span>
        </SchemaForm>
      )}
      {d && (
        <div data-testid="policy-preview" role="status" style={{ marginTop: 12 }}>
          {run.data?.applied ? (
            <p className="notice">Applied: the grants now match the file.</p>
          ) : changes === 0 ? (
            <p className="notice">No changes: the file matches the current grants ({d.unchanged}).</p>
          ) : null}
          <ul>
            {d.add.map((g, i) => (
              <li key={`a${i}`}>
                <span className="badge ok">add</span> {who(g.subject)}: {g.actions.join(", ")} on{" "}
                <code>{g.repository}</code>
              </li>
            ))}
            {d.remove.map((g, i) => (
              <li key={`r${i}`}>
                <span className="badge danger">remove</span> {who(g.subject)}: {g.actions.join(", ")} on{" "}
                <code>{g.repository}</code>
              </li>
            ))}
            {d.change.map((g, i) => (
              <li key={`c${i}`}>
                <span className="badge warn">change</span> {who(g.subject)} on <code>{g.repository}</code>:{" "}
                {g.from.join(", ")} → {g.to.join(", ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
