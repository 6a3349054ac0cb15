import { findUserByUsername } from "@/lib/db/users";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { credentialsHeld } from "@/lib/services/account-lifecycle";

/** What "revoke everything" would revoke, listed before confirming. */
export const GET = route("GET /api/v1/users/{username}/credentials", async ({ params }) => {
  const u = await findUserByUsername(params.username);
  if (!u) throw notFound("user");
  return credentialsHeld(u.id);
});
