import type { Prisma } from "./client";
import { db } from "./client";

export async function readSettingsRows(): Promise<Record<string, unknown>> {
  const rows = await db().setting.findMany();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function writeSetting(tx: Prisma.TransactionClient, key: string, value: Prisma.InputJsonValue) {
  return tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export async function readSetting(key: string): Promise<unknown> {
  return (await db().setting.findUnique({ where: { key } }))?.value ?? null;
}
