import { route } from "@/lib/http/route";
import { setMembership } from "@/lib/services/teams";

export const DELETE = route("DELETE /api/v1/teams/{name}/members/{username}", async ({ actor, params }) =>
  setMembership(actor, params.name, params.username, false),
);
