import { z } from "zod";
import { readSettingsRows } from "./db/settings";

/** Operator settings stored in the database, with defaults; cached briefly (read on every token request). */
export const settingsSchema = z.object({
  tokenTtlSeconds: z.number().int().min(60).max(86_400).default(300),
  refreshTokenTtlDays: z.number().int().min(1).max(365).default(30),
  maxTokenLifetimeDays: z.number().int().min(1).max(3650).default(365),
  allowNonExpiringTokens: z.boolean().default(false),
  lockoutThreshold: z.number().int().min(3).max(1000).default(10),
  lockoutWindowMinutes: z.number().int().min(1).max(1440).default(15),
  lockoutMinutes: z.number().int().min(1).max(1440).default(15),
  /** Failures before responses to that account+address pair are slowed down. */
  slowdownAfter: z.number().int().min(1).max(100).default(3),
});
export type Settings = z.infer<typeof settingsSchema>;

const TTL_MS = 5_000;
const slot = globalThis as unknown as { __portcullisSettings?: { at: number; value: Settings } };

export async function getSettings(): Promise<Settings> {
  const c = slot.__portcullisSettings;
  if (c && Date.now() - c.at < TTL_MS) return c.value;
  const rows = await readSettingsRows();
  const parsed = settingsSchema.safeParse(rows);
  // A stored value that no longer validates falls back to its default rather than breaking logins.
  const value = parsed.success ? parsed.data : settingsSchema.parse(Object.fromEntries(
    Object.entries(rows).filter(([k, v]) => settingsSchema.shape[k as keyof Settings]?.safeParse(v).success),
  ));
  slot.__portcullisSettings = { at: Date.now(), value };
  return value;
}

export function invalidateSettings(): void {
  slot.__portcullisSettings = undefined;
}
