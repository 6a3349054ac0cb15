import { route } from "@/lib/http/route";
import { getManifest } from "@/lib/services/browse";
import { manifestQuery } from "@/lib/validation/browse";
import { param } from "@/lib/validation/params";

export const GET = route({ access: "authenticated", query: manifestQuery }, async ({ caller, params, query }) =>
  getManifest(caller, param(params, "registry"), query.repository, query.reference),
);
