import { route } from "@/lib/http/route";
import { directModeCheck } from "@/lib/services/browse";

/** For a registry browsed directly: does its CORS let this console in? (preflight, credentials, exposed digest) */
export const GET = route("GET /api/v1/browse/{registry}/direct", async ({ caller, params }) =>
  directModeCheck(caller, params.registry),
);
