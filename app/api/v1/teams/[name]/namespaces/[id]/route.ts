import { route } from "@/lib/http/route";
import { removeNamespace } from "@/lib/services/namespaces";

export const DELETE = route("DELETE /api/v1/teams/{name}/namespaces/{id}", async ({ actor, params }) =>
  removeNamespace(actor, params.name, params.id),
);
