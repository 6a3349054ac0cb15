import { route } from "@/lib/http/route";
import { myAccess } from "@/lib/services/my-access";

/** What the caller may pull, push and delete, and why. */
export const GET = route("GET /api/v1/me/access", async ({ caller }) => myAccess(caller));
