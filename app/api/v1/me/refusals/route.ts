import { route } from "@/lib/http/route";
import { myRefusals } from "@/lib/services/my-access";

/** The caller's own recent denials and failed sign-ins, each with its cause and fix. */
export const GET = route("GET /api/v1/me/refusals", async ({ caller, query }) => myRefusals(caller, query.limit));
