import { readSettingsRows } from "./db/settings";
import { settingsSchema, type Settings } from "./validation/settings";

export { settingsSchema, type Settings } from "./validation/settings";

const TTL_MS = 5_000;
const slot = globalThis as unknown as { __portcullisSettings?: { at: number; value: Settings } };

export async function getSettings(): Promise<Settings> {
  const c = slot.__portcullisSettings;
  if (c && Date.now() - c.at < TTL_MS) return c.value;
  const rows = await readSettingsRows();
  const parsed = settingsSchema.safeParse(rows);
  // A stored value that no longer validates falls back to its default rather than breaking logins.
  const value = parsed.success
    ? parsed.data
    : settingsSchema.parse(
        Object.fromEntries(
          Object.entries(rows).filter(([k, v]) => settingsSchema.shape[k as keyof Settings]?.safeParse(v).success),
        ),
      );
  slot.__portcullisSettings = { at: Date.now(), value };
  return value;
}

export function invalidateSettings(): void {
  slot.__portcullisSettings = undefined;
}
