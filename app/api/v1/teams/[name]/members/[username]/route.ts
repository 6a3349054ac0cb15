import { route } from "@/lib/http/route";
import { setMemberRole, setMembership } from "@/lib/services/teams";

export const PATCH = route("PATCH /api/v1/teams/{name}/members/{username}", async ({ actor, body, params, steward }) =>
  setMemberRole(actor, steward, params.name, params.username, body.role),
);

export const DELETE = route("DELETE /api/v1/teams/{name}/members/{username}", async ({ actor, params, steward }) =>
  setMembership(actor, steward, params.name, params.username, false),
);
