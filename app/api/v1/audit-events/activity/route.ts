import { auditActivity } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

/** Pushes, pulls and denials per hour or day for the filter. */
export const GET = route("GET /api/v1/audit-events/activity", async ({ query, steward }) => {
  const { bucket, ...filter } = query;
  return { bucket, buckets: await auditActivity(await toFilter(filter, steward), bucket) };
});
