import type { Prisma } from "./client";
import { db } from "./client";

type Tx = Prisma.TransactionClient;

export const registrySelect = {
  id: true,
  name: true,
  url: true,
  service: true,
  kind: true,
  authMode: true,
  browseMode: true,
  allowPrivateNetwork: true,
  caCertificate: true,
  createdAt: true,
} as const;

export function listRegistries() {
  return db().registry.findMany({ select: registrySelect, orderBy: { name: "asc" } });
}

export function findRegistryByService(service: string) {
  return db().registry.findUnique({ where: { service }, select: registrySelect });
}

export function countRegistries(tx: Tx = db()) {
  return tx.registry.count();
}

export function createRegistry(tx: Tx, data: Prisma.RegistryCreateInput) {
  return tx.registry.create({ data, select: registrySelect });
}

/** The host people type in `docker login HOST`: the first registry's, for snippets. */
export async function registryHost(): Promise<string> {
  const [registry] = await listRegistries();
  return registry ? new URL(registry.url).host : "registry.example.com";
}

export function findRegistryByName(name: string) {
  return db().registry.findUnique({ where: { name }, select: registrySelect });
}

/** A registry other than `exceptId` that already has this name or presents this service. */
export function findRegistryClash(data: { name?: string; service?: string }, exceptId?: string) {
  const or = [...(data.name ? [{ name: data.name }] : []), ...(data.service ? [{ service: data.service }] : [])];
  if (or.length === 0) return Promise.resolve(null);
  return db().registry.findFirst({
    where: { OR: or, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true, service: true },
  });
}

export function updateRegistry(tx: Tx, id: string, data: Prisma.RegistryUpdateInput) {
  return tx.registry.update({ where: { id }, data, select: registrySelect });
}

export function deleteRegistry(tx: Tx, id: string) {
  return tx.registry.delete({ where: { id }, select: { id: true } });
}
