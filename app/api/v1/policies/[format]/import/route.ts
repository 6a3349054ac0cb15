import { route } from "@/lib/http/route";
import { importPolicy } from "@/lib/services/policies";

/** Preview (apply: false) or apply a policy file as the new set of grants; any problem changes nothing. */
export const POST = route("POST /api/v1/policies/{format}/import", async ({ actor, body, params }) =>
  importPolicy(actor, params.format, body.content, body.apply, body.registry),
);
