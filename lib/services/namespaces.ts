import type { z } from "zod";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { namespaceRefusal } from "../auth/delegation";
import { transaction } from "../db/client";
import { lockForTransaction } from "../db/locks";
import { createNamespace, deleteNamespace, findNamespace, listNamespaces } from "../db/namespaces";
import { teamOr404 } from "./teams";
import { AppError, notFound } from "../errors";
import type { namespaceInput } from "../validation/team";
import { registryByName } from "./grants";

type NamespaceRow = Awaited<ReturnType<typeof listNamespaces>>[number];

export function presentNamespace(n: NamespaceRow) {
  return { id: n.id, pattern: n.pattern, registry: n.registry?.name ?? null, createdAt: n.createdAt };
}

/**
 * Gives a team a namespace (admins only). Checked under one lock with every other team's
 * namespaces, so two admins cannot hand out overlapping ones at the same moment.
 */
export async function addNamespace(actor: AuditActor, teamName: string, input: z.infer<typeof namespaceInput>) {
  const team = await teamOr404(teamName);
  const registry = await registryByName(input.registry);
  const wanted = { pattern: input.pattern, registry: registry?.name ?? null };
  return transaction(async (tx) => {
    await lockForTransaction(tx, "team-namespaces");
    const others = (await listNamespaces({}, tx)).map((n) => ({ ...presentNamespace(n), team: n.team.name }));
    const refusal = namespaceRefusal(wanted, others);
    if (refusal) throw new AppError(refusal.kind === "overlap" ? "conflict" : "validation_failed", refusal.message);
    const n = await createNamespace(tx, { teamId: team.id, registryId: registry?.id ?? null, pattern: input.pattern });
    await appendAudit(tx, [
      {
        ...actor,
        action: "team.namespace_add",
        outcome: "success",
        repository: n.pattern,
        details: { team: team.name, pattern: n.pattern, registry: wanted.registry },
      },
    ]);
    return presentNamespace(n);
  });
}

/** Takes a namespace back: grants made inside it stay (they are ordinary grants); its maintainers can no longer change them. */
export async function removeNamespace(actor: AuditActor, teamName: string, id: string) {
  const team = await teamOr404(teamName);
  const before = await findNamespace(id, team.id);
  if (!before) throw notFound("namespace");
  return transaction(async (tx) => {
    const n = await deleteNamespace(tx, id);
    await appendAudit(tx, [
      {
        ...actor,
        action: "team.namespace_remove",
        outcome: "success",
        repository: n.pattern,
        details: { team: team.name, pattern: n.pattern, registry: n.registry?.name ?? null },
      },
    ]);
    return presentNamespace(n);
  });
}

export async function teamNamespaces(teamId: string) {
  return (await listNamespaces({ teamId })).map(presentNamespace);
}
