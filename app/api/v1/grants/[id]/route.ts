import { findGrantById } from "@/lib/db/grants";
import { actorOf } from "@/lib/http/actor";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { presentGrant, removeGrant } from "@/lib/services/grants";
import { param, uuid } from "@/lib/validation/params";

export const GET = route({ access: "grants:read" }, async ({ params }) => {
  const g = await findGrantById(param(params, "id", uuid));
  if (!g) throw notFound("grant");
  return presentGrant(g);
});

export const DELETE = route({ access: "grants:write" }, async ({ caller, params, req, requestId }) =>
  removeGrant(actorOf(caller, req, requestId), param(params, "id", uuid)),
);
