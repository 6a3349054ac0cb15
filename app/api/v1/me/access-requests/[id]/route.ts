import { route } from "@/lib/http/route";
import { getAccessRequest, withdrawAccessRequest } from "@/lib/services/access-requests";

/** Only the caller's own requests: anyone else's id is not found. */
export const GET = route("GET /api/v1/me/access-requests/{id}", ({ caller, params }) =>
  getAccessRequest(params.id, { requesterId: caller.id }),
);

export const DELETE = route("DELETE /api/v1/me/access-requests/{id}", ({ caller, actor, params }) =>
  withdrawAccessRequest(caller, actor, params.id),
);
