import type { z } from "zod";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import {
  countRegistries,
  createRegistry,
  deleteRegistry,
  findRegistryByName,
  findRegistryClash,
  updateRegistry,
} from "../db/registries";
import { AppError, conflict, notFound } from "../errors";
import { countGrantsBoundTo } from "../db/grants";
import { isForeignKeyViolation } from "../db/errors";
import { readCertificate } from "../registry/certificates";
import type { registryInput, registryPatch } from "../validation/registry";

type Input = z.infer<typeof registryInput>;
type Patch = z.infer<typeof registryPatch>;

export async function registryOr404(name: string) {
  const r = await findRegistryByName(name);
  if (!r) throw notFound(`registry "${name}"`);
  return r;
}

async function assertFree(data: { name?: string; service?: string }, exceptId?: string) {
  const clash = await findRegistryClash(data, exceptId);
  if (clash)
    throw conflict(
      clash.name === data.name
        ? `a registry named "${data.name}" already exists`
        : `the registry "${clash.name}" already presents the service "${data.service}"`,
    );
}

/** A pasted CA certificate, stored in its canonical form (or refused with what is wrong). */
const canonicalCa = <T extends { caCertificate?: string | null }>(data: T): T =>
  data.caCertificate ? { ...data, caCertificate: readCertificate(data.caCertificate).pem } : data;

export async function addRegistry(actor: AuditActor, raw: Input) {
  const input = canonicalCa(raw);
  await assertFree(input);
  return transaction(async (tx) => {
    const r = await createRegistry(tx, input);
    await appendAudit(tx, [{ ...actor, action: "registry.create", outcome: "success", details: { after: input } }]);
    return r;
  });
}

export async function changeRegistry(actor: AuditActor, name: string, raw: Patch) {
  const patch = canonicalCa(raw);
  const before = await registryOr404(name);
  await assertFree(patch, before.id);
  return transaction(async (tx) => {
    const after = await updateRegistry(tx, before.id, patch);
    await appendAudit(tx, [{ ...actor, action: "registry.update", outcome: "success", details: { before, after } }]);
    return after;
  });
}

export async function removeRegistry(actor: AuditActor, name: string) {
  const before = await registryOr404(name);
  if ((await countRegistries()) === 1)
    throw new AppError("validation_failed", "this is the only registry; add another before deleting it");
  const boundGrants = (n: number) =>
    conflict(
      `${n} grant${n === 1 ? " applies" : "s apply"} to ${name} only: revoke ${n === 1 ? "it" : "them"} before deleting the registry`,
    );
  const bound = await countGrantsBoundTo(before.id);
  if (bound > 0) throw boundGrants(bound);
  return transaction(async (tx) => {
    // One made since the count: the restricted reference refuses the delete; say so the same way.
    await deleteRegistry(tx, before.id).catch(async (e) =>
      Promise.reject(isForeignKeyViolation(e) ? boundGrants(await countGrantsBoundTo(before.id)) : e),
    );
    await appendAudit(tx, [{ ...actor, action: "registry.delete", outcome: "success", details: { before } }]);
    return before;
  });
}

/** The CA certificate clients of a registry need, or a 404 that says none is registered. */
export async function registryCa(name: string) {
  const r = await registryOr404(name);
  if (!r.caCertificate)
    throw notFound(
      `a CA certificate for registry "${name}" (its certificate is publicly trusted, or none was registered)`,
    );
  return { pem: r.caCertificate, host: new URL(r.url).host };
}
