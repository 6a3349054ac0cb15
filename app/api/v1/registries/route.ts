import { listRegistries } from "@/lib/db/registries";
import { json, route } from "@/lib/http/route";
import { addRegistry } from "@/lib/services/registries";

export const GET = route("GET /api/v1/registries", async () => ({ registries: await listRegistries() }));

export const POST = route("POST /api/v1/registries", async ({ actor, body }) =>
  json(await addRegistry(actor, body), 201),
);
