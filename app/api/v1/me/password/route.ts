import { route } from "@/lib/http/route";
import { changeOwnPassword } from "@/lib/services/account-lifecycle";

/** Your own password; the current one is required. Other sessions are signed out. */
export const POST = route("POST /api/v1/me/password", async ({ caller, actor, body }) =>
  changeOwnPassword({ ...actor, actorId: caller.id }, body),
);
