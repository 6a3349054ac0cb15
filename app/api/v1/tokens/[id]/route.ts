import { route } from "@/lib/http/route";
import { getToken, revokeToken } from "@/lib/services/tokens";

export const GET = route("GET /api/v1/tokens/{id}", async ({ caller, params }) => getToken(caller, params.id));

/** Revokes the token (the caller's own; admins: anyone's). */
export const DELETE = route("DELETE /api/v1/tokens/{id}", async ({ caller, params, actor }) =>
  revokeToken(caller, params.id, actor),
);
