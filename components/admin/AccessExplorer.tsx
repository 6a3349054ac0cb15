"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useReach, useSimulation, useWhoCan } from "@/lib/query/access";
import { reachQuery, repositoryQuery, simulateInput } from "@/lib/validation/access";

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

const viaText = (v: { kind: string; pattern?: string; team?: string }) =>
  v.kind === "admin"
    ? "administrator: may do everything"
    : v.kind === "team"
      ? `team ${v.team}'s grant on ${v.pattern}`
      : v.kind === "public"
        ? `public grant on ${v.pattern}`
        : `own grant on ${v.pattern}`;

/** "Who can do what" and "Why was this denied?", answered from the same decision code the token endpoint runs. */
export function AccessExplorer({
  initial,
}: {
  initial: { user?: string; token?: string; repository?: string; actions?: string };
}) {
  const who = useWhoCan();
  const reach = useReach();
  const sim = useSimulation();
  const [error, setError] = useState<string | null>(null);
  const [simError, setSimError] = useState<string | null>(null);
  const [reachError, setReachError] = useState<string | null>(null);
  const initialActions = new Set((initial.actions ?? "pull").split(","));

  return (
    <>
      <div className="card">
        <h2>Why was this denied?</h2>
        <p className="muted">
          Pick a user, a service account or a token, a repository and actions: the decision the token endpoint would
          make, and the rule or reason behind it.
        </p>
        <SchemaForm
          aria-label="Simulate a token request"
          schema={simulateInput}
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

      <div className="split">
        <div className="card">
          <h2>Who can use a repository?</h2>
          <SchemaForm
            className="toolbar"
            schema={repositoryQuery}
            read={(f) => ({ name: fieldText(f, "name") })}
            onMessage={setError}
            onValid={(data) => who.mutate(data.name)}
          >
            <div className="field">
              <label htmlFor="who-repo">Repository</label>
              <input id="who-repo" name="name" placeholder="team/app" />
            </div>
            <button type="submit">Show</button>
          </SchemaForm>
          <ErrorNote error={error ?? who.error} />
          {who.data && (
            <p className="row">
              <Link href={`/audit?repository=${encodeURIComponent(who.data.repository)}`}>
                Events on {who.data.repository}
              </Link>
              <Link href={`/audit/tags?repository=${encodeURIComponent(who.data.repository)}`}>Tag history</Link>
            </p>
          )}
          {who.data && (
            <table data-testid="who-can">
              <thead>
                <tr>
                  <th>Subject</th>
                  <th>Actions</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {who.data.subjects.map((s, i) => (
                  <tr key={i}>
                    <td className="mono">
                      {s.subject.name}
                      {s.subject.disabled ? <span className="badge danger"> disabled</span> : null}
                    </td>
                    <td>{s.actions.join(", ")}</td>
                    <td>{viaText(s.via)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="card">
          <h2>What can a user reach?</h2>
          <SchemaForm
            className="toolbar"
            schema={reachQuery}
            read={(f) => ({ username: fieldText(f, "user") })}
            onMessage={setReachError}
            onValid={(data) => reach.mutate(data.username)}
          >
            <div className="field">
              <label htmlFor="reach-user">Username</label>
              <input id="reach-user" name="user" />
            </div>
            <button type="submit">Show</button>
          </SchemaForm>
          <ErrorNote error={reachError ?? reach.error} />
          {reach.data && (
            <>
              {reach.data.admin && <p className="notice">An administrator: every repository, every action.</p>}
              <table data-testid="user-reach">
                <thead>
                  <tr>
                    <th>Pattern</th>
                    <th>Actions</th>
                    <th>Through</th>
                  </tr>
                </thead>
                <tbody>
                  {reach.data.patterns.map((p) => (
                    <tr key={p.pattern}>
                      <td className="mono">{p.pattern}</td>
                      <td>{p.actions.join(", ")}</td>
                      <td>{p.via.map((v) => `${v.type} ${v.name}`).join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {reach.data.patterns.length === 0 && <p className="muted">No grants reach this user.</p>}
            </>
          )}
        </div>
      </div>
    </>
  );
}
