import { deniedPushes, tagHistory } from "@/lib/db/tag-history";
import { route } from "@/lib/http/route";
import { credentialsBehind } from "@/lib/services/attribution";

/** Which digest each tag pointed to when (overwrites flagged, with the credential behind each push), and the refused push attempts. */
export const GET = route("GET /api/v1/audit-events/tags", async ({ query }) => {
  const changes = await tagHistory(query.repository, query.tag || undefined);
  const behind = await credentialsBehind(
    changes.map((c) => ({ ...c, action: "registry.push", repository: query.repository })),
  );
  return {
    repository: query.repository,
    changes: changes.map((c) => ({ ...c, credential: behind.get(c.id)! })),
    deniedPushes: await deniedPushes(query.repository),
  };
});
