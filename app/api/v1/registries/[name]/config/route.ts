import { route } from "@/lib/http/route";
import { registryConfig } from "@/lib/services/registry-config";
import { registryOr404 } from "@/lib/services/registries";

/** The registry's config.yml sections and a complete file (it carries the notifications secret: admins only). */
export const GET = route("GET /api/v1/registries/{name}/config", async ({ params, query }) =>
  registryConfig(await registryOr404(params.name), query),
);
