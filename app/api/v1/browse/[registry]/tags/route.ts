import { route } from "@/lib/http/route";
import { listTags } from "@/lib/services/browse";

export const GET = route("GET /api/v1/browse/{registry}/tags", async ({ caller, params, query }) =>
  listTags(caller, params.registry, query.repository, query),
);
