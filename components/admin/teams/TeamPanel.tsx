"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useAddMember, useChangeTeam, useDeleteTeam, useRemoveMember, useTeam } from "@/lib/query/teams";
import { teamMemberInput, updateTeamInput } from "@/lib/validation/team";

/** One team: rename or delete it, its members, its grants. */
export function TeamPanel({
  name,
  canWrite,
  directory,
  onRenamed,
  onDeleted,
}: {
  name: string;
  canWrite: boolean;
  /** The configured directory's name, when there is one: teams can follow its groups. */
  directory: string | null;
  onRenamed: (n: string) => void;
  onDeleted: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const team = useTeam(name);
  const done = { onSuccess: () => setError(null), onError: (e: Error) => setError(e.message) };
  const rename = useChangeTeam(name);
  const remove = useDeleteTeam();
  const addMember = useAddMember(name);
  const removeMember = useRemoveMember(name);

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
          read={(f) => ({
            name: fieldText(f, "name"),
            ...(directory ? { externalGroup: fieldText(f, "group") || null } : {}),
          })}
          onMessage={setError}
          onValid={(data) =>
            rename.mutate(data, {
              ...done,
              onSuccess: (r) => {
                done.onSuccess();
                onRenamed(r.name);
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="rename">Name</label>
            <input id="rename" name="name" defaultValue={t.name} />
          </div>
          {directory && (
            <div className="field">
              <label htmlFor="team-group">
                Members from a {directory} group (its DN, or the group name single sign-on sends; empty: set by hand)
              </label>
              <input
                id="team-group"
                name="group"
                defaultValue={t.externalGroup ?? ""}
                placeholder="cn=payments,ou=groups,dc=example,dc=org"
              />
            </div>
          )}
          <button type="submit" disabled={rename.isPending}>
            Save
          </button>
          <ConfirmButton label="Delete team" onConfirm={() => remove.mutate(name, { ...done, onSuccess: onDeleted })} />
        </SchemaForm>
      )}
      <h3>Members</h3>
      {t.externalGroup && (
        <p className="notice" data-testid="team-managed">
          Managed by {directory ?? "the directory"}: the members of the group{" "}
          <span className="mono">{t.externalGroup}</span>, brought up to date when each signs in.
        </p>
      )}
      <ul data-testid="team-members">
        {t.members.map((m) => (
          <li key={m.id} className="row">
            <span className="mono">{m.username}</span>
            {canWrite && !t.externalGroup && (
              <button
                type="button"
                onClick={() => removeMember.mutate(m.username, done)}
                aria-label={`Remove ${m.username}`}
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {t.members.length === 0 && <li className="muted">No members.</li>}
      </ul>
      {canWrite && !t.externalGroup && (
        <SchemaForm
          className="toolbar"
          schema={teamMemberInput}
          read={(f) => ({ username: fieldText(f, "username") })}
          onMessage={setError}
          onValid={(data, form) =>
            addMember.mutate(data, {
              ...done,
              onSuccess: () => {
                done.onSuccess();
                form.reset();
              },
            })
          }
        >
          <div className="field">
            <label htmlFor="member">Add member</label>
            <input id="member" name="username" placeholder="username" />
          </div>
          <button type="submit" disabled={addMember.isPending}>
            Add
          </button>
        </SchemaForm>
      )}
      <h3>Grants</h3>
      <ul>
        {t.grants.map((g) => (
          <li key={g.id}>
            <code>{g.repository}</code>: {g.actions.join(", ")}
          </li>
        ))}
        {t.grants.length === 0 && <li className="muted">No grants: give this team access under Access.</li>}
      </ul>
    </div>
  );
}
