import type { TeamRole } from "../auth/delegation";
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
        members: { select: { role: true, user: { select: { username: true } } } },
        namespaces: { select: { pattern: true, registry: { select: { name: true } } } },
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
        registry: { select: { name: true } },
      },
    }),
  ]);
  return { registries, users, teams, serviceAccounts, grants };
}
export type AccessRows = Awaited<ReturnType<typeof readAccessRows>>;

/** Replaces a team's members by exactly these users, each with their role. */
export async function setTeamMembers(tx: Tx, teamId: string, members: { userId: string; role: TeamRole }[]) {
  await tx.teamMembership.deleteMany({ where: { teamId, userId: { notIn: members.map((m) => m.userId) } } });
  for (const role of ["member", "maintainer"] as const) {
    const ids = members.filter((m) => m.role === role).map((m) => m.userId);
    if (!ids.length) continue;
    await tx.teamMembership.updateMany({ where: { teamId, userId: { in: ids } }, data: { role } });
    await tx.teamMembership.createMany({ data: ids.map((userId) => ({ teamId, userId, role })), skipDuplicates: true });
  }
}

/** Replaces a team's namespaces by exactly these. */
export async function setTeamNamespaces(
  tx: Tx,
  teamId: string,
  namespaces: { pattern: string; registryId: string | null }[],
) {
  await tx.teamNamespace.deleteMany({ where: { teamId } });
  if (namespaces.length) await tx.teamNamespace.createMany({ data: namespaces.map((n) => ({ ...n, teamId })) });
}
