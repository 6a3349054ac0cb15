import { listAuditEvents } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

export const GET = route("GET /api/v1/audit-events", async ({ query }) => {
  const { cursor, limit } = query;
  return listAuditEvents(toFilter(query), { before: cursor ? BigInt(cursor) : undefined, limit });
});
