import { route } from "@/lib/http/route";
import { getToken, revokeToken } from "@/lib/services/tokens";
import { param, uuid } from "@/lib/validation/params";

export const GET = route("GET /api/v1/tokens/{id}", async ({ caller, params }) =>
  getToken(caller, param(params, "id", uuid)),
);

/** Revokes the token (the caller's own; admins: anyone's). */
export const DELETE = route("DELETE /api/v1/tokens/{id}", async ({ caller, params, actor }) =>
  revokeToken(caller, param(params, "id", uuid), actor),
);
