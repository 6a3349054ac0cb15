import type { Prisma } from "./client";
import { db } from "./client";

type Tx = Prisma.TransactionClient;

export const registrySelect = {
  id: true,
  name: true,
  url: true,
  service: true,
  authMode: true,
  browseMode: true,
  allowPrivateNetwork: true,
  createdAt: true,
} as const;

export function listRegistries() {
  return db().registry.findMany({ select: registrySelect, orderBy: { name: "asc" } });
}

export function findRegistryByService(service: string) {
  return db().registry.findUnique({ where: { service }, select: registrySelect });
}

export function countRegistries() {
  return db().registry.count();
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
