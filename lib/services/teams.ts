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
  deleteTeam,
  findTeamByGroup,
  findTeamByName,
  removeTeamMember,
  updateTeam,
} from "../db/teams";
import { normalizeGroup } from "../auth/groups";
import { isUniqueViolation } from "../db/errors";
import { findUserByUsername } from "../db/users";
import { conflict, notFound } from "../errors";
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

async function teamOr404(name: string) {
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

export async function setMembership(actor: AuditActor, teamName: string, username: string, member: boolean) {
  const team = await teamOr404(teamName);
  if (team.externalGroup)
    throw conflict(
      `the members of ${team.name} are managed by the directory (group ${team.externalGroup}): change the group there, or unlink the team`,
    );
  const user = await findUserByUsername(username);
  if (!user) throw notFound(`user "${username}"`);
  const already = () => conflict(`${user.username} is already a member of ${team.name}`);
  if (member && team.members.some((m) => m.user.username === user.username)) throw already();
  await transaction(async (tx) => {
    if (member)
      await addTeamMember(tx, team.id, user.id).catch((e) => Promise.reject(isUniqueViolation(e) ? already() : e));
    else await removeTeamMember(tx, team.id, user.id);
    await appendAudit(tx, [
      {
        ...actor,
        action: member ? "team.member_add" : "team.member_remove",
        outcome: "success",
        details: { team: team.name, username: user.username },
      },
    ]);
  });
  return { team: team.name, username: user.username, member };
}

export async function addServiceAccount(actor: AuditActor, input: z.infer<typeof createServiceAccountInput>) {
  if (await accountNameTaken(input.name))
    throw conflict(`the name "${input.name}" is already taken by a user or service account`);
  const team = input.team ? await teamOr404(input.team) : null;
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

async function serviceAccountOr404(name: string) {
  const sa = await findServiceAccountByName(name);
  if (!sa) throw notFound(`service account "${name}"`);
  return sa;
}

export async function changeServiceAccount(
  actor: AuditActor,
  name: string,
  input: z.infer<typeof updateServiceAccountInput>,
) {
  const before = await serviceAccountOr404(name);
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

export async function removeServiceAccount(actor: AuditActor, name: string) {
  const before = await serviceAccountOr404(name);
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
