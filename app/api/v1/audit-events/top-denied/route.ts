import { topDenied } from "@/lib/db/audit-events";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

export const GET = route("GET /api/v1/audit-events/top-denied", async ({ query, steward }) =>
  topDenied(await toFilter(query, steward)),
);
