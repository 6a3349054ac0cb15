import { route } from "@/lib/http/route";
import { simulate } from "@/lib/services/access";

/** "Why was this denied?": the token endpoint's decision for a subject or token, with its trace. Changes nothing. */
export const POST = route("POST /api/v1/access/simulate", async ({ body }) => simulate(body));
