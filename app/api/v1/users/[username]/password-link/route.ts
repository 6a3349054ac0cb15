import { route } from "@/lib/http/route";
import { sendSetupLink } from "@/lib/services/password-setup";

/** A one-time link for the user to choose their own password (72 h); answered once, never stored in clear. */
export const POST = route(
  "POST /api/v1/users/{username}/password-link",
  async ({ actor, params }) => await sendSetupLink(actor, params.username),
);
