import { findGrantById } from "@/lib/db/grants";
import { actorOf } from "@/lib/http/actor";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { presentGrant, removeGrant } from "@/lib/services/grants";
import { param, uuid } from "@/lib/validation/params";

export const GET = route("GET /api/v1/grants/{id}", async ({ params }) => {
  const g = await findGrantById(param(params, "id", uuid));
  if (!g) throw notFound("grant");
  return presentGrant(g);
});

export const DELETE = route("DELETE /api/v1/grants/{id}", async ({ caller, params, req, requestId }) =>
  removeGrant(actorOf(caller, req, requestId), param(params, "id", uuid)),
);
