"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useCreateTeam, useTeams } from "@/lib/query/teams";
import { TeamPanel } from "./TeamPanel";

export function TeamsAdmin({ canWrite, directory }: { canWrite: boolean; directory: string | null }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const teams = useTeams();
  const teamsRows = teams.data?.pages.flatMap((p) => p.teams) ?? [];
  const create = useCreateTeam();
  return (
    <div className="split">
      <div>
        {canWrite && (
          <SchemaForm
            className="card"
            schema={() => import("@/lib/validation/team").then((m) => m.createTeamInput)}
            read={(f) => ({ name: fieldText(f, "name") })}
            onMessage={setError}
            onValid={(data, form) =>
              create.mutate(data, {
                onSuccess: (t) => {
                  setSelected(t.name);
                  form.reset();
                },
              })
            }
          >
            <ErrorNote error={error ?? create.error} />
            <div className="field">
              <label htmlFor="team-name">New team</label>
              <input id="team-name" name="name" placeholder="e.g. payments" />
            </div>
            <button className="primary" type="submit" disabled={create.isPending}>
              Create team
            </button>
          </SchemaForm>
        )}
        <ErrorNote error={teams.error} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Team</th>
                <th>Members</th>
                <th>Grants</th>
              </tr>
            </thead>
            <tbody>
              {teamsRows.map((t) => (
                <tr key={t.id} className={selected === t.name ? "selected" : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setSelected(t.name)}
                      aria-pressed={selected === t.name}
                    >
                      {t.name}
                    </button>
                  </td>
                  <td>{t.memberCount}</td>
                  <td>{t.grantCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {teams.data && teamsRows.length === 0 && <div className="empty">No teams yet.</div>}
          <LoadMore query={teams} label="More teams" />
        </div>
      </div>
      <div>
        {selected ? (
          <TeamPanel
            directory={directory}
            key={selected}
            name={selected}
            canWrite={canWrite}
            onRenamed={setSelected}
            onDeleted={() => setSelected(null)}
          />
        ) : (
          <div className="card muted">Pick a team to see its members and grants.</div>
        )}
      </div>
    </div>
  );
}
