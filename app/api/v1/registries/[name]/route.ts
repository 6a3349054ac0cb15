import { actorOf } from "@/lib/http/actor";
import { route } from "@/lib/http/route";
import { changeRegistry, registryOr404, removeRegistry } from "@/lib/services/registries";
import { param } from "@/lib/validation/params";
import { registryPatch } from "@/lib/validation/registry";

export const GET = route({ access: "registries:read" }, async ({ params }) => registryOr404(param(params, "name")));

export const PATCH = route({ access: "registries:write", body: registryPatch }, async ({ caller, body, params, req, requestId }) =>
  changeRegistry(actorOf(caller, req, requestId), param(params, "name"), body),
);

export const DELETE = route({ access: "registries:write" }, async ({ caller, params, req, requestId }) =>
  removeRegistry(actorOf(caller, req, requestId), param(params, "name")),
);
