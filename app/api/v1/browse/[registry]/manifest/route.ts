import { route } from "@/lib/http/route";
import { getManifest } from "@/lib/services/browse";

export const GET = route("GET /api/v1/browse/{registry}/manifest", async ({ caller, params, query }) =>
  getManifest(caller, params.registry, query.repository, query.reference),
);
