import { listRegistries } from "@/lib/db/registries";
import { actorOf } from "@/lib/http/actor";
import { json, route } from "@/lib/http/route";
import { addRegistry } from "@/lib/services/registries";
import { registryInput } from "@/lib/validation/registry";

export const GET = route({ access: "registries:read" }, async () => ({ registries: await listRegistries() }));

export const POST = route({ access: "registries:write", body: registryInput }, async ({ caller, body, req, requestId }) =>
  json(await addRegistry(actorOf(caller, req, requestId), body), 201),
);
