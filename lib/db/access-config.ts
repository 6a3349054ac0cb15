import type { Tx } from "./client";
import { liveGrant } from "./grants";
import { registrySelect } from "./registries";

/**
 * The whole access configuration read in one transaction (for `portcullis export` and `apply`):
 * the rows with the ids `apply` needs, nothing secret (no hashes, no tokens).
 */
export async function readAccessRows(tx: Tx) {
  const [registries, users, teams, serviceAccounts, grants] = await Promise.all([
    tx.registry.findMany({ select: registrySelect }),
    tx.user.findMany({
      select: { id: true, username: true, role: true, email: true, displayName: true, disabled: true },
    }),
    tx.team.findMany({
      select: {
        id: true,
        name: true,
        description: true,
        members: { select: { user: { select: { username: true } } } },
      },
    }),
    tx.serviceAccount.findMany({
      select: { id: true, name: true, description: true, disabled: true, team: { select: { name: true } } },
    }),
    tx.grant.findMany({
      where: liveGrant(),
      select: {
        id: true,
        subjectType: true,
        repository: true,
        actions: true,
        expiresAt: true,
        user: { select: { username: true } },
        team: { select: { name: true } },
        serviceAccount: { select: { name: true } },
      },
    }),
  ]);
  return { registries, users, teams, serviceAccounts, grants };
}
export type AccessRows = Awaited<ReturnType<typeof readAccessRows>>;

/** Replaces a team's members by exactly these users. */
export async function setTeamMembers(tx: Tx, teamId: string, userIds: string[]) {
  await tx.teamMembership.deleteMany({ where: { teamId, userId: { notIn: userIds } } });
  if (userIds.length)
    await tx.teamMembership.createMany({ data: userIds.map((userId) => ({ teamId, userId })), skipDuplicates: true });
}
