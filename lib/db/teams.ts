import type { Prisma } from "./client";
import { db } from "./client";
import { paged, type PageRequest } from "./paging";
import type { TeamRole } from "../auth/delegation";

type Tx = Prisma.TransactionClient;

export const teamSelect = {
  id: true,
  name: true,
  description: true,
  externalGroup: true,
  createdAt: true,
  _count: { select: { members: true, grants: true } },
} as const;

/** Counts as plain fields (memberCount, grantCount): Prisma's `_count` stays in this layer. */
function counted<T extends { _count: { members: number; grants: number } }>({ _count, ...team }: T) {
  return { ...team, memberCount: _count.members, grantCount: _count.grants };
}

/** One page of teams by name. */
export async function listTeams(page: PageRequest) {
  const { items, nextCursor } = await paged(page, (p) =>
    db().team.findMany({ select: teamSelect, orderBy: [{ name: "asc" }, { id: "asc" }], ...p }),
  );
  return { teams: items.map(counted), nextCursor };
}

export async function findTeamByName(name: string) {
  const t = await db().team.findUnique({
    where: { name },
    select: {
      ...teamSelect,
      members: {
        select: { role: true, user: { select: { id: true, username: true, displayName: true } } },
        orderBy: { user: { username: "asc" } },
      },
    },
  });
  return t && counted(t);
}

export async function createTeam(tx: Tx, data: { name: string; description?: string }) {
  return counted(await tx.team.create({ data, select: teamSelect }));
}

export async function updateTeam(tx: Tx, id: string, data: { name?: string; description?: string | null }) {
  return counted(await tx.team.update({ where: { id }, data, select: teamSelect }));
}

export async function deleteTeam(tx: Tx, id: string) {
  return counted(await tx.team.delete({ where: { id }, select: teamSelect }));
}

/** Adds a member; a second add of the same person is a unique violation (the caller answers 409). */
export function addTeamMember(tx: Tx, teamId: string, userId: string, role: TeamRole = "member") {
  return tx.teamMembership.create({ data: { teamId, userId, role }, select: { teamId: true, userId: true } });
}

export function setTeamMemberRole(tx: Tx, teamId: string, userId: string, role: TeamRole) {
  return tx.teamMembership.updateMany({ where: { teamId, userId }, data: { role } });
}

export function removeTeamMember(tx: Tx, teamId: string, userId: string) {
  return tx.teamMembership.deleteMany({ where: { teamId, userId } });
}

/** The members of these teams, with whether each is disabled. */
export function listTeamMembers(teamIds: string[]) {
  return db().teamMembership.findMany({
    where: { teamId: { in: teamIds } },
    select: { teamId: true, user: { select: { username: true, disabled: true } } },
  });
}

export function listTeamsWithMemberNames() {
  return db().team.findMany({ select: { name: true, members: { select: { user: { select: { username: true } } } } } });
}

export function findTeamIdsByName(names: string[]) {
  return db().team.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
}

/** The team linked to a directory group (its normalised DN), if any. */
export function findTeamByGroup(group: string) {
  return db().team.findUnique({ where: { externalGroup: group }, select: { id: true, name: true } });
}
