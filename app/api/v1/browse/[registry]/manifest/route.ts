import { route } from "@/lib/http/route";
import { getManifest } from "@/lib/services/browse";
import { param } from "@/lib/validation/params";

export const GET = route("GET /api/v1/browse/{registry}/manifest", async ({ caller, params, query }) =>
  getManifest(caller, param(params, "registry"), query.repository, query.reference),
);
