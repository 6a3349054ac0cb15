import { route } from "@/lib/http/route";
import { importPolicy } from "@/lib/services/policies";
import { param } from "@/lib/validation/params";

/** Preview (apply: false) or apply a policy file as the new set of grants; any problem changes nothing. */
export const POST = route("POST /api/v1/policies/{format}/import", async ({ actor, body, params }) =>
  importPolicy(actor, param(params, "format"), body.content, body.apply),
);
