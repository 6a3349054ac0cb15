import { listRegistries } from "@/lib/db/registries";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addRegistry } from "@/lib/services/registries";

export const GET = route("GET /api/v1/registries", async () => ({ registries: await listRegistries() }));

export const POST = route("POST /api/v1/registries", async ({ caller, body, req, requestId }) =>
  json(await addRegistry(actorOf(caller, req, requestId), body), 201),
);
