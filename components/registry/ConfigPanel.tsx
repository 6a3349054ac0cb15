"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useRegistryConfig } from "@/lib/query/registries";
import { downloadText } from "./download";
import { CopyableText } from "@/components/ui/CopyableText";

/** The registry's config.yml: each section with what it does, and a complete file a newcomer can run. */
export function ConfigPanel({ registries }: { registries: { name: string; authMode: "token" | "htpasswd" }[] }) {
  const [name, setName] = useState(registries[0]?.name ?? "");
  const [mode, setMode] = useState<"token" | "htpasswd">(registries[0]?.authMode ?? "token");
  const config = useRegistryConfig(name, mode);
  return (
    <div className="card" data-testid="config-panel">
      <h2>Registry config.yml</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="cfg-registry">Registry</label>
          <select id="cfg-registry" value={name} onChange={(e) => setName(e.target.value)}>
            {registries.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cfg-mode">Authentication</label>
          <select id="cfg-mode" value={mode} onChange={(e) => setMode(e.target.value as "token" | "htpasswd")}>
            <option value="token">token: Portcullis decides per repository</option>
            <option value="htpasswd">htpasswd: a password file, no per-repository rules</option>
          </select>
        </div>
      </div>
      <ErrorNote error={config.error} />
      {config.data && (
        <>
          <h3>auth</h3>
          <p className="muted">
            {mode === "token"
              ? "The registry sends every docker login, push and pull to Portcullis's token endpoint and trusts tokens signed by the keys in certs.pem (save it at the rootcertbundle path)."
              : "The registry checks passwords in the htpasswd file itself. Every account in the file may pull and push every repository: for per-repository rules use token authentication, or export the grants to docker_auth or zot below."}
          </p>
          <CopyableText text={config.data.sections.auth} label="auth section" />
          <h3>http.headers (CORS)</h3>
          <p className="muted">
            Only for browsing the registry directly from the console; browsing through Portcullis needs none of it.
          </p>
          <CopyableText text={config.data.sections.cors} label="CORS section" />
          <h3>notifications</h3>
          <p className="muted">
            The registry reports pushes, pulls and deletes to Portcullis for the audit log. The header is this
            registry&apos;s secret: keep the file private.
          </p>
          <CopyableText text={config.data.sections.notifications} label="notifications section" />
          <h3>Complete config.yml</h3>
          <p className="muted">
            Runs as is: <code>docker-registry serve config.yml</code> (or mount it at /etc/docker/registry/config.yml in
            the registry image).
          </p>
          <CopyableText text={config.data.full} label="config.yml" testId="full-config" />
          <button type="button" onClick={() => downloadText("config.yml", config.data.full, "application/yaml")}>
            Download config.yml
          </button>
        </>
      )}
    </div>
  );
}
