import { route } from "@/lib/http/route";
import { simulate } from "@/lib/services/access";
import { simulateInput } from "@/lib/validation/access";

/** "Why was this denied?": the token endpoint's decision for a subject or token, with its trace. Changes nothing. */
export const POST = route({ access: "grants:read", body: simulateInput }, async ({ body }) => simulate(body));
