import { listRegistries } from "@/lib/db/registries";
import { route } from "@/lib/http/route";
import { addRegistry } from "@/lib/services/registries";

export const GET = route("GET /api/v1/registries", async () => ({ registries: await listRegistries() }));

export const POST = route("POST /api/v1/registries", async ({ actor, body }) => await addRegistry(actor, body));
