import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import { writeSetting } from "../db/settings";
import { getSettings, invalidateSettings } from "../settings";
import type { Settings } from "../validation/settings";

export { settingsPatch } from "../validation/settings";

/** Changes operator settings (token lifetime, lockout, token policy), recording before and after. */
export async function updateSettings(actor: AuditActor, patch: Partial<Settings>): Promise<Settings> {
  const before = await getSettings();
  await transaction(async (tx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) await writeSetting(tx, key, value);
    }
    const changed = Object.keys(patch).filter((k) => patch[k as keyof Settings] !== before[k as keyof Settings]);
    await appendAudit(tx, [
      {
        ...actor,
        action: "settings.update",
        outcome: "success",
        details: {
          before: Object.fromEntries(changed.map((k) => [k, before[k as keyof Settings]])),
          after: Object.fromEntries(changed.map((k) => [k, patch[k as keyof Settings]])),
        },
      },
    ]);
  });
  invalidateSettings();
  return getSettings();
}
