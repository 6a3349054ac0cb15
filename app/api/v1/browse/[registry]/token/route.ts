import { route } from "@/lib/http/route";
import { browserToken } from "@/lib/services/browse";

/** Direct mode: a one-minute registry token for the browser, with your own pull rights on one repository. */
export const GET = route("GET /api/v1/browse/{registry}/token", async ({ caller, params, query }) =>
  browserToken(caller, params.registry, query.repository),
);
