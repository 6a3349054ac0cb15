import { findGrantById } from "@/lib/db/grants";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { presentGrant, removeGrant } from "@/lib/services/grants";
import { param, uuid } from "@/lib/validation/params";

export const GET = route("GET /api/v1/grants/{id}", async ({ params }) => {
  const g = await findGrantById(param(params, "id", uuid));
  if (!g) throw notFound("grant");
  return presentGrant(g);
});

export const DELETE = route("DELETE /api/v1/grants/{id}", async ({ actor, params }) =>
  removeGrant(actor, param(params, "id", uuid)),
);
