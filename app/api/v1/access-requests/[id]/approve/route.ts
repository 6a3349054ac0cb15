import { route } from "@/lib/http/route";
import { approveAccessRequest } from "@/lib/services/access-requests";

export const POST = route("POST /api/v1/access-requests/{id}/approve", ({ actor, params, body, steward }) =>
  approveAccessRequest(actor, steward, params.id, body),
);
