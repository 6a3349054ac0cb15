"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { api, queryKeys } from "@/lib/query/api";
import { createTeamInput, teamMemberInput, updateTeamInput } from "@/lib/validation/team";
import type { GrantView } from "./GrantsAdmin";

interface TeamRow { id: string; name: string; description: string | null; _count: { members: number; grants: number } }
interface TeamDetail extends TeamRow { members: { id: string; username: string; displayName: string | null }[]; grants: GrantView[] }

export function TeamsAdmin({ canWrite }: { canWrite: boolean }) {
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const teams = useQuery({ queryKey: queryKeys.teams, queryFn: () => api<{ teams: TeamRow[] }>("/api/v1/teams") });
  const create = useMutation({
    mutationFn: (body: unknown) => api<TeamRow>("/api/v1/teams", { method: "POST", body }),
    onSuccess: (t) => {
      setSelected(t.name);
      void qc.invalidateQueries({ queryKey: queryKeys.teams });
    },
  });
  return (
    <div className="split">
      <div>
        {canWrite && (
          <SchemaForm
            className="card"
            schema={createTeamInput}
            read={(f) => ({ name: fieldText(f, "name") })}
            onMessage={setError}
            onValid={(data, form) => create.mutate(data, { onSuccess: () => form.reset() })}
          >
            <ErrorNote error={error ?? create.error} />
            <div className="field"><label htmlFor="team-name">New team</label><input id="team-name" name="name" placeholder="e.g. payments" /></div>
            <button className="primary" type="submit" disabled={create.isPending}>Create team</button>
          </SchemaForm>
        )}
        <ErrorNote error={teams.error} />
        <div className="table-wrap">
          <table>
            <thead><tr><th>Team</th><th>Members</th><th>Grants</th></tr></thead>
            <tbody>
              {teams.data?.teams.map((t) => (
                <tr key={t.id} className={selected === t.name ? "selected" : undefined}>
                  <td><button type="button" className="link" onClick={() => setSelected(t.name)} aria-pressed={selected === t.name}>{t.name}</button></td>
                  <td>{t._count.members}</td>
                  <td>{t._count.grants}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {teams.data?.teams.length === 0 && <div className="empty">No teams yet.</div>}
        </div>
      </div>
      <div>
        {selected ? (
          <TeamPanel key={selected} name={selected} canWrite={canWrite} onRenamed={setSelected} onDeleted={() => setSelected(null)} />
        ) : (
          <div className="card muted">Pick a team to see its members and grants.</div>
        )}
      </div>
    </div>
  );
}

function TeamPanel({ name, canWrite, onRenamed, onDeleted }: { name: string; canWrite: boolean; onRenamed: (n: string) => void; onDeleted: () => void }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const team = useQuery({ queryKey: queryKeys.team(name), queryFn: () => api<TeamDetail>(`/api/v1/teams/${name}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.teams });
  const done = { onSuccess: () => { setError(null); void refresh(); }, onError: (e: Error) => setError(e.message) };
  const rename = useMutation({ mutationFn: (body: unknown) => api<TeamRow>(`/api/v1/teams/${name}`, { method: "PATCH", body }), ...done });
  const remove = useMutation({ mutationFn: () => api(`/api/v1/teams/${name}`, { method: "DELETE" }), ...done });
  const addMember = useMutation({ mutationFn: (body: unknown) => api(`/api/v1/teams/${name}/members`, { method: "POST", body }), ...done });
  const removeMember = useMutation({ mutationFn: (u: string) => api(`/api/v1/teams/${name}/members/${u}`, { method: "DELETE" }), ...done });

  if (team.isPending) return <div className="card muted">Loading {name}…</div>;
  if (team.isError) return <ErrorNote error={team.error} />;
  const t = team.data;
  return (
    <div className="card" data-testid="team-panel">
      <h2>Team {t.name}</h2>
      <ErrorNote error={error} />
      {canWrite && (
        <SchemaForm
          className="toolbar"
          schema={updateTeamInput}
          read={(f) => ({ name: fieldText(f, "name") })}
          onMessage={setError}
          onValid={(data) => rename.mutate(data, { onSuccess: (r) => onRenamed(r.name) })}
        >
          <div className="field"><label htmlFor="rename">Name</label><input id="rename" name="name" defaultValue={t.name} /></div>
          <button type="submit" disabled={rename.isPending}>Rename</button>
          <ConfirmButton label="Delete team" onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })} />
        </SchemaForm>
      )}
      <h3>Members</h3>
      <ul data-testid="team-members">
        {t.members.map((m) => (
          <li key={m.id} className="row">
            <span className="mono">{m.username}</span>
            {canWrite && <button type="button" onClick={() => removeMember.mutate(m.username)} aria-label={`Remove ${m.username}`}>Remove</button>}
          </li>
        ))}
        {t.members.length === 0 && <li className="muted">No members.</li>}
      </ul>
      {canWrite && (
        <SchemaForm
          className="toolbar"
          schema={teamMemberInput}
          read={(f) => ({ username: fieldText(f, "username") })}
          onMessage={setError}
          onValid={(data, form) => addMember.mutate(data, { onSuccess: () => form.reset() })}
        >
          <div className="field"><label htmlFor="member">Add member</label><input id="member" name="username" placeholder="username" /></div>
          <button type="submit" disabled={addMember.isPending}>Add</button>
        </SchemaForm>
      )}
      <h3>Grants</h3>
      <ul>
        {t.grants.map((g) => <li key={g.id}><code>{g.repository}</code>: {g.actions.join(", ")}</li>)}
        {t.grants.length === 0 && <li className="muted">No grants: give this team access under Access.</li>}
      </ul>
    </div>
  );
}
