"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useWhoCan } from "@/lib/query/access";

const viaText = (v: { kind: string; pattern?: string; team?: string }) =>
  v.kind === "admin"
    ? "administrator: may do everything"
    : v.kind === "team"
      ? `team ${v.team}'s grant on ${v.pattern}`
      : v.kind === "public"
        ? `public grant on ${v.pattern}`
        : `own grant on ${v.pattern}`;

/** Who may pull/push/delete a repository, and through which grant, team or role. */
export function WhoCan({ initial }: { initial: { repository?: string } }) {
  const who = useWhoCan();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="card">
      <h2>Who can use a repository?</h2>
      <SchemaForm
        className="toolbar"
        schema={() => import("@/lib/validation/access").then((m) => m.repositoryQuery)}
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
  );
}
