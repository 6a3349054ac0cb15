"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useChangeTeam, useDeleteTeam, useTeam } from "@/lib/query/teams";
import { TeamMembers } from "./TeamMembers";
import { TeamNamespaces } from "./TeamNamespaces";

/**
 * One team: rename or delete it and give it namespaces (admins), its members and their roles (its
 * maintainers too), its grants. `canWrite`: the caller administers teams.
 */
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
          schema={() => import("@/lib/validation/team").then((m) => m.updateTeamInput)}
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
      <TeamMembers team={t} run={canWrite || t.yourRole === "maintainer"} directory={directory} />
      <TeamNamespaces team={t} canGive={canWrite} />
      <h3>Grants</h3>
      <ul>
        {t.grants.map((g) => (
          <li key={g.id}>
            <code>{g.repository}</code>: {g.actions.join(", ")}
            {g.registry && <span className="muted"> (on {g.registry})</span>}
          </li>
        ))}
        {t.grants.length === 0 && (
          <li className="muted">
            {canWrite ? "No grants: give this team access under Access." : "No grants to the team itself."}
          </li>
        )}
      </ul>
    </div>
  );
}
