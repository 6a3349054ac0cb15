import { route } from "@/lib/http/route";
import { directModeCheck } from "@/lib/services/browse";
import { param } from "@/lib/validation/params";

/** For a registry browsed directly: does its CORS let this console in? (preflight, credentials, exposed digest) */
export const GET = route({ access: "authenticated" }, async ({ caller, params }) => directModeCheck(caller, param(params, "registry")));
