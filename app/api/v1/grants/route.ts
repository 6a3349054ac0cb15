import { route } from "@/lib/http/route";
import { addGrant, listVisibleGrants } from "@/lib/services/grants";

export const GET = route("GET /api/v1/grants", async ({ query, steward }) => listVisibleGrants(steward, query));

export const POST = route(
  "POST /api/v1/grants",
  async ({ actor, body, steward }) => await addGrant(actor, steward, body),
);
