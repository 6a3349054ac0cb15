import type { z } from "zod";
import type { AuditFilter } from "../db/audit-events";
import type { auditFilterQuery } from "../validation/audit";

/** The API's query (prefix=true) as the database filter. */
export function toFilter(q: z.infer<typeof auditFilterQuery>): AuditFilter {
  const { prefix, ...rest } = q;
  return { ...rest, repositoryPrefix: prefix };
}
