import { listAuditEvents } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { auditQuery } from "@/lib/validation/audit";

export const GET = route({ access: "audit:read", query: auditQuery }, async ({ query }) => {
  const { cursor, limit, prefix, ...filter } = query;
  return listAuditEvents({ ...filter, repositoryPrefix: prefix }, { before: cursor ? BigInt(cursor) : undefined, limit });
});
