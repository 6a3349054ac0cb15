import { actorOf } from "@/lib/http/actor";
import { route } from "@/lib/http/route";
import { changeRegistry, registryOr404, removeRegistry } from "@/lib/services/registries";
import { param } from "@/lib/validation/params";

export const GET = route("GET /api/v1/registries/{name}", async ({ params }) => registryOr404(param(params, "name")));

export const PATCH = route("PATCH /api/v1/registries/{name}", async ({ caller, body, params, req, requestId }) =>
  changeRegistry(actorOf(caller, req, requestId), param(params, "name"), body),
);

export const DELETE = route("DELETE /api/v1/registries/{name}", async ({ caller, params, req, requestId }) =>
  removeRegistry(actorOf(caller, req, requestId), param(params, "name")),
);
