import { listAuditEvents } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";
import { auditQuery } from "@/lib/validation/audit";

export const GET = route({ access: "audit:read", query: auditQuery }, async ({ query }) => {
  const { cursor, limit } = query;
  return listAuditEvents(toFilter(query), { before: cursor ? BigInt(cursor) : undefined, limit });
});
