import { route } from "@/lib/http/route";
import { listTags } from "@/lib/services/browse";
import { tagsQuery } from "@/lib/validation/browse";
import { param } from "@/lib/validation/params";

export const GET = route({ access: "authenticated", query: tagsQuery }, async ({ caller, params, query }) =>
  listTags(caller, param(params, "registry"), query.repository, query),
);
