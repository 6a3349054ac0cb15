import { topDenied } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";
import { auditFilterQuery } from "@/lib/validation/audit";

export const GET = route({ access: "audit:read", query: auditFilterQuery }, async ({ query }) => topDenied(toFilter(query)));
