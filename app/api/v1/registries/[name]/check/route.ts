import { route } from "@/lib/http/route";
import { checkRegistry } from "@/lib/services/registry-config";
import { registryOr404 } from "@/lib/services/registries";

/** Probes the registry (reachability, API, auth challenge, TLS, CORS); each failure with its fix. */
export const POST = route("POST /api/v1/registries/{name}/check", async ({ params }) => {
  const r = await registryOr404(params.name);
  return { registry: r.name, checkedAt: new Date(), results: await checkRegistry(r) };
});
