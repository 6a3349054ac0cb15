import { applyRetention } from "@/lib/audit/retention";
import { route } from "@/lib/http/route";

/** Applies the retention setting now (it also runs hourly). */
export const POST = route(
  "POST /api/v1/audit-events/retention",
  async () =>
    (await applyRetention()) ?? { deleted: 0, cutoff: null, note: "retention is off (auditRetentionDays = 0)" },
);
