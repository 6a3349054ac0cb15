import { route } from "@/lib/http/route";
import { changeRegistry, registryOr404, removeRegistry } from "@/lib/services/registries";

export const GET = route("GET /api/v1/registries/{name}", async ({ params }) => registryOr404(params.name));

export const PATCH = route("PATCH /api/v1/registries/{name}", async ({ actor, body, params }) =>
  changeRegistry(actor, params.name, body),
);

export const DELETE = route("DELETE /api/v1/registries/{name}", async ({ actor, params }) =>
  removeRegistry(actor, params.name),
);
