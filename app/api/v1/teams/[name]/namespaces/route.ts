import { route } from "@/lib/http/route";
import { addNamespace } from "@/lib/services/namespaces";

export const POST = route("POST /api/v1/teams/{name}/namespaces", async ({ actor, body, params }) =>
  addNamespace(actor, params.name, body),
);
