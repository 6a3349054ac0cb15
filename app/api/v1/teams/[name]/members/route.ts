import { route } from "@/lib/http/route";
import { setMembership } from "@/lib/services/teams";

export const POST = route(
  "POST /api/v1/teams/{name}/members",
  async ({ actor, body, params, steward }) =>
    await setMembership(actor, steward, params.name, body.username, true, body.role),
);
