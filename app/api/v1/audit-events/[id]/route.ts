import { findAuditEvent } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { visibleEvent } from "@/lib/services/audit";

export const GET = route("GET /api/v1/audit-events/{id}", async ({ params, steward }) =>
  visibleEvent(await findAuditEvent(BigInt(params.id)), steward),
);
