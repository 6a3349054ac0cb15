import type { Steward, TeamRole } from "../auth/delegation";
import { db, type Tx } from "./client";

/** Team namespaces and what a person stewards through their teams (lib/auth/delegation.ts decides with it). */
export const namespaceSelect = {
  id: true,
  pattern: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
  registry: { select: { id: true, name: true } },
} as const;

export function listNamespaces(where: { teamId?: string } = {}, tx: Tx = db()) {
  return tx.teamNamespace.findMany({
    where,
    select: namespaceSelect,
    orderBy: [{ pattern: "asc" }, { id: "asc" }],
  });
}

export function createNamespace(tx: Tx, data: { teamId: string; registryId: string | null; pattern: string }) {
  return tx.teamNamespace.create({ data, select: namespaceSelect });
}

export function findNamespace(id: string, teamId: string) {
  return db().teamNamespace.findFirst({ where: { id, teamId }, select: namespaceSelect });
}

export function deleteNamespace(tx: Tx, id: string) {
  return tx.teamNamespace.delete({ where: { id }, select: namespaceSelect });
}

/** The teams a person belongs to, with their role in each and each team's namespaces. */
export async function loadStewardships(userId: string): Promise<Steward["teams"]> {
  const rows = await db().teamMembership.findMany({
    where: { userId },
    select: {
      role: true,
      team: {
        select: {
          name: true,
          namespaces: { select: { pattern: true, registry: { select: { name: true } } } },
        },
      },
    },
    orderBy: { team: { name: "asc" } },
  });
  return rows.map((r) => ({
    team: r.team.name,
    role: r.role as TeamRole,
    namespaces: r.team.namespaces.map((n) => ({ pattern: n.pattern, registry: n.registry?.name ?? null })),
  }));
}
