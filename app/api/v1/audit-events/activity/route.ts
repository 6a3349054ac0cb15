import { auditActivity } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";
import { activityQuery } from "@/lib/validation/audit";

/** Pushes, pulls and denials per hour or day for the filter. */
export const GET = route({ access: "audit:read", query: activityQuery }, async ({ query }) => {
  const { bucket, ...filter } = query;
  return { bucket, buckets: await auditActivity(toFilter(filter), bucket) };
});
