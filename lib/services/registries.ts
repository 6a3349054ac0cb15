import type { z } from "zod";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { db } from "../db/client";
import { findRegistryByName, registrySelect } from "../db/registries";
import { AppError, conflict, notFound } from "../errors";
import type { registryInput, registryPatch } from "../validation/registry";

type Input = z.infer<typeof registryInput>;
type Patch = z.infer<typeof registryPatch>;

export async function registryOr404(name: string) {
  const r = await findRegistryByName(name);
  if (!r) throw notFound(`registry "${name}"`);
  return r;
}

async function assertFree(data: { name?: string; service?: string }, exceptId?: string) {
  const or = [...(data.name ? [{ name: data.name }] : []), ...(data.service ? [{ service: data.service }] : [])];
  if (or.length === 0) return;
  const clash = await db().registry.findFirst({
    where: { OR: or, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true, service: true },
  });
  if (clash) throw conflict(clash.name === data.name ? `a registry named "${data.name}" already exists` : `the registry "${clash.name}" already presents the service "${data.service}"`);
}

export async function addRegistry(actor: AuditActor, input: Input) {
  await assertFree(input);
  return db().$transaction(async (tx) => {
    const r = await tx.registry.create({ data: input, select: registrySelect });
    await appendAudit(tx, [{ ...actor, action: "registry.create", outcome: "success", details: { after: input } }]);
    return r;
  });
}

export async function changeRegistry(actor: AuditActor, name: string, patch: Patch) {
  const before = await registryOr404(name);
  await assertFree(patch, before.id);
  return db().$transaction(async (tx) => {
    const after = await tx.registry.update({ where: { id: before.id }, data: patch, select: registrySelect });
    await appendAudit(tx, [{ ...actor, action: "registry.update", outcome: "success", details: { before, after } }]);
    return after;
  });
}

export async function removeRegistry(actor: AuditActor, name: string) {
  const before = await registryOr404(name);
  if ((await db().registry.count()) === 1) throw new AppError("validation_failed", "this is the only registry; add another before deleting it");
  return db().$transaction(async (tx) => {
    await tx.registry.delete({ where: { id: before.id } });
    await appendAudit(tx, [{ ...actor, action: "registry.delete", outcome: "success", details: { before } }]);
    return before;
  });
}
