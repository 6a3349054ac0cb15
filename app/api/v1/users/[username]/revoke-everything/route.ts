import { findUserByUsername } from "@/lib/db/users";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { revokeEverything } from "@/lib/services/account-lifecycle";

/** Sessions, tokens, refresh tokens and the service-account tokens they created; confirmed with your password. */
export const POST = route(
  "POST /api/v1/users/{username}/revoke-everything",
  async ({ caller, actor, body, params }) => {
    const u = await findUserByUsername(params.username);
    if (!u) throw notFound("user");
    return revokeEverything({ ...actor, actorId: caller.id }, u.id, body);
  },
);
