"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useReach } from "@/lib/query/access";

/** Every repository pattern a user reaches, with the actions and where each comes from. */
export function Reach({ initial }: { initial: { user?: string } }) {
  const reach = useReach();
  const [reachError, setReachError] = useState<string | null>(null);
  return (
    <div className="card">
      <h2>What can a user reach?</h2>
      <SchemaForm
        className="toolbar"
        schema={() => import("@/lib/validation/access").then((m) => m.reachQuery)}
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
                  <td>
                    {p.via.map((v) => `${v.type} ${v.name}${v.registry ? ` (at ${v.registry})` : ""}`).join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {reach.data.patterns.length === 0 && <p className="muted">No grants reach this user.</p>}
        </>
      )}
    </div>
  );
}
