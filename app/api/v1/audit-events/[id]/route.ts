import { z } from "zod";
import { findAuditEvent } from "@/lib/db/audit-events";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { param } from "@/lib/validation/params";

export const GET = route("GET /api/v1/audit-events/{id}", async ({ params }) => {
  const e = await findAuditEvent(BigInt(param(params, "id", z.string().regex(/^\d{1,18}$/))));
  if (!e) throw notFound("event");
  return e;
});
