import { findAuditEvent } from "@/lib/db/audit-events";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const GET = route("GET /api/v1/audit-events/{id}", async ({ params }) => {
  const e = await findAuditEvent(BigInt(params.id));
  if (!e) throw notFound("event");
  return e;
});
