import { deniedPushes, tagHistory } from "@/lib/db/tag-history";
import { route } from "@/lib/http/route";

/** Which digest each tag pointed to when (overwrites flagged), and the refused push attempts. */
export const GET = route("GET /api/v1/audit-events/tags", async ({ query }) => ({
  repository: query.repository,
  changes: await tagHistory(query.repository, query.tag || undefined),
  deniedPushes: await deniedPushes(query.repository),
}));
