import { route } from "@/lib/http/route";
import { listTokensFor, mintToken } from "@/lib/services/tokens";

export const GET = route("GET /api/v1/tokens", async ({ caller, query }) => listTokensFor(caller, query));

/** Answers the secret once, as "token". */
export const POST = route(
  "POST /api/v1/tokens",
  async ({ caller, body, actor }) => await mintToken(caller, body, actor),
);
