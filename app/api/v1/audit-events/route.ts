import { listAuditEvents } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

export const GET = route("GET /api/v1/audit-events", async ({ query, steward }) => {
  const { cursor, limit } = query;
  return listAuditEvents(await toFilter(query, steward), { before: cursor ? BigInt(cursor) : undefined, limit });
});
