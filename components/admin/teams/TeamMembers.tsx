"use client";

import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormOutcome, useFormOutcome } from "@/components/ui/FormOutcome";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useAddMember, useRemoveMember, useSetMemberRole, type TeamDetail } from "@/lib/query/teams";

/**
 * A team's members and their roles. Whoever runs the team (its maintainers, admins) adds and
 * removes members and makes them maintainers; a directory-managed team's members come from its
 * group, but roles stay Portcullis's own.
 */
export function TeamMembers({ team, run, directory }: { team: TeamDetail; run: boolean; directory: string | null }) {
  const outcome = useFormOutcome();
  const add = useAddMember(team.name);
  const remove = useRemoveMember(team.name);
  const setRole = useSetMemberRole(team.name);
  const byHand = !team.externalGroup;
  return (
    <section aria-labelledby="team-members-heading">
      <h3 id="team-members-heading">Members</h3>
      <FormOutcome outcome={outcome} />
      {team.externalGroup && (
        <p className="notice" data-testid="team-managed">
          Managed by {directory ?? "the directory"}: the members of the group{" "}
          <span className="mono">{team.externalGroup}</span>, brought up to date when each signs in.
        </p>
      )}
      <ul data-testid="team-members">
        {team.members.map((m) => (
          <li key={m.id} className="row" data-testid={`member-${m.username}`}>
            <span className="mono">{m.username}</span>
            <span className={`badge ${m.role === "maintainer" ? "ok" : ""}`}>{m.role}</span>
            {run && (
              <button
                type="button"
                onClick={() =>
                  setRole.mutate(
                    { username: m.username, role: m.role === "maintainer" ? "member" : "maintainer" },
                    outcome.after((r) => `${r.username} is now a ${r.role} of ${team.name}.`),
                  )
                }
              >
                {m.role === "maintainer" ? "Make member" : "Make maintainer"}
              </button>
            )}
            {run && byHand && (
              <ConfirmButton
                label={`Remove ${m.username}`}
                onConfirm={() =>
                  remove.mutate(
                    m.username,
                    outcome.after((r) => `${r.username} left ${team.name}.`),
                  )
                }
              />
            )}
          </li>
        ))}
        {team.members.length === 0 && <li className="muted">No members yet: add people by their username.</li>}
      </ul>
      {run && byHand && (
        <SchemaForm
          className="toolbar"
          schema={() => import("@/lib/validation/team").then((m) => m.teamMemberInput)}
          read={(f) => ({ username: fieldText(f, "username"), role: fieldText(f, "role") || "member" })}
          onMessage={outcome.onMessage}
          onValid={(data, form) =>
            add.mutate(
              data,
              outcome.after(
                (r) => `${r.username} joined ${team.name} as a ${r.role}.`,
                () => form.reset(),
              ),
            )
          }
        >
          <div className="field">
            <label htmlFor="member">Add member</label>
            <input id="member" name="username" placeholder="username" />
          </div>
          <div className="field">
            <label htmlFor="member-role">Role</label>
            <select id="member-role" name="role" defaultValue="member">
              <option value="member">member</option>
              <option value="maintainer">maintainer (runs the team&apos;s namespaces)</option>
            </select>
          </div>
          <button type="submit" disabled={add.isPending}>
            Add
          </button>
        </SchemaForm>
      )}
    </section>
  );
}
