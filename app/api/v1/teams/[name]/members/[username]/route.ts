import { route } from "@/lib/http/route";
import { setMembership } from "@/lib/services/teams";
import { param } from "@/lib/validation/params";

export const DELETE = route("DELETE /api/v1/teams/{name}/members/{username}", async ({ actor, params }) =>
  setMembership(actor, param(params, "name"), param(params, "username"), false),
);
