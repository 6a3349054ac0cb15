"use client";

import { useState } from "react";
import { SnippetBlock } from "@/components/ui/SnippetBlock";
import { machineSetup } from "@/lib/registry/machine-setup";

export interface SetupRegistry {
  name: string;
  host: string;
  plainHttp: boolean;
  caUrl?: string;
}

/** Every client's configuration for one chosen registry, filled in; the service account name fills the cluster and CI parts. */
export function MachineSetup({
  registries,
  consoleUrl,
  username,
  passwordLogin,
  initial,
}: {
  registries: SetupRegistry[];
  consoleUrl: string;
  username: string;
  passwordLogin: boolean;
  initial: { registry?: string };
}) {
  const [name, setName] = useState(
    registries.some((r) => r.name === initial.registry) ? initial.registry! : registries[0]?.name,
  );
  const [robot, setRobot] = useState("ci-bot");
  const registry = registries.find((r) => r.name === name);
  if (!registry) return <p className="muted">No registry is configured yet: an administrator adds one on Registry.</p>;
  const sections = machineSetup({ ...registry, consoleUrl, username, passwordLogin, robot: robot || "ci-bot" });
  return (
    <>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="setup-registry">Registry</label>
          <select id="setup-registry" value={registry.name} onChange={(e) => setName(e.target.value)}>
            {registries.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({r.host})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="setup-robot">Service account (clusters, CI)</label>
          <input id="setup-robot" value={robot} onChange={(e) => setRobot(e.target.value.trim())} />
        </div>
      </div>
      <p className="muted">
        {registry.plainHttp
          ? "This registry speaks plain http: clients must be told to accept that (below)."
          : registry.caUrl
            ? "This registry's certificate comes from a private CA: install it on each machine (below)."
            : "This registry's certificate is publicly trusted: nothing to install."}
      </p>
      {sections.map((s) => (
        <section key={s.id} className="card" id={`setup-${s.id}`} data-testid={`setup-${s.id}`}>
          <h2>{s.title}</h2>
          {s.snippets.map((snippet) => (
            <SnippetBlock key={snippet.id} snippet={snippet} />
          ))}
        </section>
      ))}
    </>
  );
}
