import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import {
  accountNameTaken,
  createServiceAccount,
  deleteServiceAccount,
  findServiceAccountByName,
  updateServiceAccount,
} from "../db/service-accounts";
import {
  addTeamMember,
  createTeam,
  setTeamMemberRole,
  deleteTeam,
  findTeamByGroup,
  findTeamByName,
  removeTeamMember,
  updateTeam,
} from "../db/teams";
import { normalizeGroup } from "../auth/groups";
import { isUniqueViolation } from "../db/errors";
import { findUserByUsername } from "../db/users";
import { conflict, forbidden, notFound } from "../errors";
import { mayRunTeam, type Steward, type TeamRole } from "../auth/delegation";
import type { Caller } from "../auth/caller";
import { can } from "../auth/permissions";
import { loadStewardships } from "../db/namespaces";
import type { z } from "zod";
import type {
  createServiceAccountInput,
  createTeamInput,
  updateServiceAccountInput,
  updateTeamInput,
} from "../validation/team";

export async function addTeam(actor: AuditActor, input: z.infer<typeof createTeamInput>) {
  if (await findTeamByName(input.name)) throw conflict(`a team named "${input.name}" already exists`);
  return transaction(async (tx) => {
    const t = await createTeam(tx, input);
    await appendAudit(tx, [
      {
        ...actor,
        action: "team.create",
        outcome: "success",
        details: { after: { name: t.name, description: t.description } },
      },
    ]);
    return t;
  });
}

export async function teamOr404(name: string) {
  const t = await findTeamByName(name);
  if (!t) throw notFound(`team "${name}"`);
  return t;
}

export async function changeTeam(actor: AuditActor, name: string, input: z.infer<typeof updateTeamInput>) {
  const before = await teamOr404(name);
  if (input.name && input.name !== name && (await findTeamByName(input.name)))
    throw conflict(`a team named "${input.name}" already exists`);
  const group =
    input.externalGroup === undefined
      ? {}
      : { externalGroup: input.externalGroup && normalizeGroup(input.externalGroup) };
  const linked = group.externalGroup ? await findTeamByGroup(group.externalGroup) : null;
  if (linked && linked.id !== before.id) throw conflict(`${linked.name} is already linked to ${group.externalGroup}`);
  return transaction(async (tx) => {
    const t = await updateTeam(tx, before.id, { ...input, ...group });
    await appendAudit(tx, [
      {
        ...actor,
        action: "team.update",
        outcome: "success",
        details: {
          before: { name: before.name, description: before.description, externalGroup: before.externalGroup },
          after: { name: t.name, description: t.description, externalGroup: t.externalGroup },
        },
      },
    ]);
    return t;
  });
}

export async function removeTeam(actor: AuditActor, name: string) {
  const before = await teamOr404(name);
  return transaction(async (tx) => {
    const t = await deleteTeam(tx, before.id);
    await appendAudit(tx, [
      {
        ...actor,
        action: "team.delete",
        outcome: "success",
        details: {
          before: { name: t.name, members: before.members.map((m) => m.user.username), grants: t.grantCount },
        },
      },
    ]);
    return t;
  });
}

/**
 * A team as the steward may see it: admins and auditors see every team, members their own; anyone
 * else gets 404. `run` asks for the right to change it (its maintainers, admins): a member who may
 * only look gets 403.
 */
export async function teamFor(steward: Steward, name: string, run = false) {
  const team = await findTeamByName(name);
  const mine = steward.teams.find((t) => t.team === name);
  if (!team || (!steward.admin && !mine)) throw notFound(`team "${name}"`);
  if (run && !mayRunTeam(steward, team.name))
    throw forbidden(`only the maintainers of ${team.name} (and admins) may change it`);
  return team;
}

/**
 * What the caller may do in a team, for the console: administer it (their role may change teams),
 * run it (its maintainer), be in it, or only look (auditors).
 */
export async function roleInTeam(
  caller: Caller,
  steward: Steward,
  team: string,
): Promise<"admin" | TeamRole | "viewer"> {
  if (caller.kind !== "user") return "viewer";
  if (can(caller.role, "teams:write")) return "admin";
  // The steward holds the person's teams unless their role reads every team (auditors): then look.
  const teams = steward.admin ? await loadStewardships(caller.id) : steward.teams;
  return teams.find((t) => t.team === team)?.role ?? "viewer";
}

function refuseDirectoryManaged(team: { name: string; externalGroup: string | null }) {
  if (team.externalGroup)
    throw conflict(
      `the members of ${team.name} are managed by the directory (group ${team.externalGroup}): change the group there, or unlink the team`,
    );
}

export async function setMembership(
  actor: AuditActor,
  steward: Steward,
  teamName: string,
  username: string,
  member: boolean,
  role: TeamRole = "member",
) {
  const team = await teamFor(steward, teamName, true);
  refuseDirectoryManaged(team);
  const user = await findUserByUsername(username);
  if (!user) throw notFound(`user "${username}"`);
  const already = () => conflict(`${user.username} is already a member of ${team.name}`);
  const current = team.members.find((m) => m.user.username === user.username);
  if (member && current) throw already();
  if (!member && !current) throw notFound(`${user.username} in team ${team.name}`);
  await transaction(async (tx) => {
    if (member)
      await addTeamMember(tx, team.id, user.id, role).catch((e) =>
        Promise.reject(isUniqueViolation(e) ? already() : e),
      );
    else await removeTeamMember(tx, team.id, user.id);
    await appendAudit(tx, [
      {
        ...actor,
        action: member ? "team.member_add" : "team.member_remove",
        outcome: "success",
        details: { team: team.name, username: user.username, ...(member ? { role } : { role: current?.role }) },
      },
    ]);
  });
  return { team: team.name, username: user.username, member, role: member ? role : null };
}

/** Makes a member a maintainer or back; the role is Portcullis's own, so directory-managed teams have it too. */
export async function setMemberRole(
  actor: AuditActor,
  steward: Steward,
  teamName: string,
  username: string,
  role: TeamRole,
) {
  const team = await teamFor(steward, teamName, true);
  const current = team.members.find((m) => m.user.username === username);
  if (!current) throw notFound(`${username} in team ${team.name}`);
  if (current.role !== role)
    await transaction(async (tx) => {
      await setTeamMemberRole(tx, team.id, current.user.id, role);
      await appendAudit(tx, [
        {
          ...actor,
          action: "team.member_role",
          outcome: "success",
          details: { team: team.name, username, before: current.role, after: role },
        },
      ]);
    });
  return { team: team.name, username, member: true, role };
}

/** A service account the steward runs (admins: any; maintainers: their teams'), else 404. */
export async function serviceAccountFor(steward: Steward, name: string) {
  const sa = await findServiceAccountByName(name);
  if (!sa || !mayRunTeam(steward, sa.team?.name ?? null)) throw notFound(`service account "${name}"`);
  return sa;
}

export async function addServiceAccount(
  actor: AuditActor,
  steward: Steward,
  input: z.infer<typeof createServiceAccountInput>,
) {
  if (!steward.admin && !input.team)
    throw forbidden("team maintainers create service accounts of their team: name the team");
  const team = input.team ? await teamFor(steward, input.team, true) : null;
  if (await accountNameTaken(input.name))
    throw conflict(`the name "${input.name}" is already taken by a user or service account`);
  return transaction(async (tx) => {
    const sa = await createServiceAccount(tx, {
      name: input.name,
      description: input.description,
      teamId: team?.id ?? null,
      createdById: actor.actorKind === "user" ? actor.actorId : null,
    });
    await appendAudit(tx, [
      {
        ...actor,
        action: "service_account.create",
        outcome: "success",
        details: { after: { name: sa.name, team: team?.name ?? null } },
      },
    ]);
    return sa;
  });
}

export async function changeServiceAccount(
  actor: AuditActor,
  steward: Steward,
  name: string,
  input: z.infer<typeof updateServiceAccountInput>,
) {
  const before = await serviceAccountFor(steward, name);
  return transaction(async (tx) => {
    const sa = await updateServiceAccount(tx, before.id, input);
    await appendAudit(tx, [
      {
        ...actor,
        action: "service_account.update",
        outcome: "success",
        details: {
          name,
          before: { description: before.description, disabled: before.disabled },
          after: { description: sa.description, disabled: sa.disabled },
        },
      },
    ]);
    return sa;
  });
}

export async function removeServiceAccount(actor: AuditActor, steward: Steward, name: string) {
  const before = await serviceAccountFor(steward, name);
  return transaction(async (tx) => {
    const sa = await deleteServiceAccount(tx, before.id);
    await appendAudit(tx, [
      {
        ...actor,
        action: "service_account.delete",
        outcome: "success",
        details: { before: { name: sa.name, team: sa.team?.name ?? null } },
      },
    ]);
    return sa;
  });
}
