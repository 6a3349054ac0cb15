import { findGrantById } from "@/lib/db/grants";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { presentGrant, removeGrant } from "@/lib/services/grants";

export const GET = route("GET /api/v1/grants/{id}", async ({ params }) => {
  const g = await findGrantById(params.id);
  if (!g) throw notFound("grant");
  return presentGrant(g);
});

export const DELETE = route("DELETE /api/v1/grants/{id}", async ({ actor, params }) => removeGrant(actor, params.id));
