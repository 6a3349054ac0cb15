import { route } from "@/lib/http/route";
import { grantOr404, presentGrant, removeGrant } from "@/lib/services/grants";

export const GET = route("GET /api/v1/grants/{id}", async ({ params, steward }) =>
  presentGrant(await grantOr404(steward, params.id)),
);

export const DELETE = route("DELETE /api/v1/grants/{id}", async ({ actor, params, steward }) =>
  removeGrant(actor, steward, params.id),
);
