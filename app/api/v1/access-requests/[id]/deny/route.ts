import { route } from "@/lib/http/route";
import { denyAccessRequest } from "@/lib/services/access-requests";

export const POST = route("POST /api/v1/access-requests/{id}/deny", ({ actor, params, body, steward }) =>
  denyAccessRequest(actor, steward, params.id, body),
);
