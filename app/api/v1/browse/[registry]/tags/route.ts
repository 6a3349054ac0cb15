import { route } from "@/lib/http/route";
import { listTags } from "@/lib/services/browse";
import { param } from "@/lib/validation/params";

export const GET = route("GET /api/v1/browse/{registry}/tags", async ({ caller, params, query }) =>
  listTags(caller, param(params, "registry"), query.repository, query),
);
