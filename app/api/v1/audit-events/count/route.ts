import { countAuditEvents } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

export const GET = route("GET /api/v1/audit-events/count", async ({ query, steward }) => ({
  count: await countAuditEvents(await toFilter(query, steward)),
}));
