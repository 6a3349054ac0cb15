"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useSimulation } from "@/lib/query/access";
import { useRegistries } from "@/lib/query/registries";
import { RegistrySelect } from "@/components/ui/RegistrySelect";

const REASONS: Record<string, string> = {
  no_grant: "no grant of the subject, its teams or the public covers this repository for this action",
  token_scope: "the owner may, but this token's scopes are narrower",
  invalid_name:
    "not a valid repository name: the registry's grammar is lowercase path components (no .., %2F, uppercase or trailing /)",
  unknown_action: "not an action the registry knows (pull, push, delete, *)",
  token_revoked:
    "the token is revoked (or rotated and past its grace period): authentication fails before any grant is considered",
  token_expired: "the token has expired: authentication fails before any grant is considered",
  account_disabled: "the account is disabled: authentication fails before any grant is considered",
};

/** "Why was this denied?": the token endpoint's decision for a subject or token, a repository and actions. */
export function Simulator({
  initial,
}: {
  initial: { user?: string; token?: string; repository?: string; actions?: string };
}) {
  const sim = useSimulation();
  const registries = useRegistries();
  const [simError, setSimError] = useState<string | null>(null);
  const initialActions = new Set((initial.actions ?? "pull").split(","));
  return (
    <div className="card">
      <h2>Why was this denied?</h2>
      <p className="muted">
        Pick a user, a service account or a token, a repository and actions: the decision the token endpoint would make,
        and the rule or reason behind it.
      </p>
      <SchemaForm
        aria-label="Simulate a token request"
        schema={() => import("@/lib/validation/access").then((m) => m.simulateInput)}
        read={(f) => {
          const kind = fieldText(f, "kind");
          const who = fieldText(f, "who");
          return {
            ...(kind === "token"
              ? { tokenId: who }
              : kind === "anonymous"
                ? { subject: { type: "anonymous" } }
                : { subject: { type: kind, name: who } }),
            repository: fieldText(f, "repository"),
            actions: ["pull", "push", "delete"].filter((a) => f.get(`sim-${a}`)),
            ...(fieldText(f, "registry") ? { registry: fieldText(f, "registry") } : {}),
          };
        }}
        onMessage={setSimError}
        onValid={(data) => sim.mutate(data)}
      >
        <ErrorNote error={simError ?? sim.error} />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="sim-kind">Who</label>
            <select id="sim-kind" name="kind" defaultValue={initial.token ? "token" : "user"}>
              <option value="user">user</option>
              <option value="service-account">service account</option>
              <option value="token">token (id)</option>
              <option value="anonymous">anonymous</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="sim-who">Name or token id</label>
            <input id="sim-who" name="who" defaultValue={initial.token ?? initial.user ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="sim-repo">Repository</label>
            <input id="sim-repo" name="repository" defaultValue={initial.repository ?? ""} placeholder="team/app" />
          </div>
          {/* Mounted once the registries are known, so the first one is the default. */}
          <RegistrySelect
            key={registries.data ? "loaded" : "loading"}
            id="sim-registry"
            name="registry"
            label="At"
            everyLabel="any registry (grants for every registry only)"
            defaultValue={registries.data?.registries[0]?.name ?? ""}
          />
        </div>
        <div className="checks field">
          {["pull", "push", "delete"].map((a) => (
            <label key={a}>
              <input type="checkbox" name={`sim-${a}`} defaultChecked={initialActions.has(a)} /> {a}
            </label>
          ))}
        </div>
        <button className="primary" type="submit" disabled={sim.isPending}>
          Check
        </button>
      </SchemaForm>
      {sim.data && (
        <div data-testid="simulation" style={{ marginTop: 14 }}>
          <p>
            <strong>{sim.data.subject.name ?? "anonymous"}</strong>
            {sim.data.token ? (
              <>
                {" "}
                with token {sim.data.token.name} <code>{sim.data.token.prefix}…</code>
              </>
            ) : null}
            {" → "}
            {sim.data.granted.length ? (
              <span className="badge ok">granted: {sim.data.granted.join(", ")}</span>
            ) : (
              <span className="badge danger">nothing granted</span>
            )}{" "}
            <span className="muted">The registry would answer: {sim.data.registryWouldSay}</span>
          </p>
          {!sim.data.authentication.ok && (
            <p className="error">{REASONS[sim.data.authentication.reason ?? ""] ?? sim.data.authentication.reason}</p>
          )}
          <ul>
            {sim.data.decision.rules.map((r) => (
              <li key={`${r.action}-${r.repository}`}>
                <strong>{r.action}</strong> allowed by the grant on <code>{r.repository}</code> to {r.via.type}{" "}
                <strong>{r.via.name}</strong>
                {r.registry && <span className="muted"> (bound to this registry)</span>}
              </li>
            ))}
            {sim.data.subject.admin && sim.data.authentication.ok && <li>administrators may do everything</li>}
            {sim.data.decision.denied.map((d) => (
              <li key={d.action}>
                <strong>{d.action}</strong> denied: {REASONS[d.reason] ?? d.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
