import { actorOf } from "@/lib/http/actor";
import { route } from "@/lib/http/route";
import { generateHtpasswd } from "@/lib/services/htpasswd";
import { htpasswdInput } from "@/lib/validation/registry";

/** Generates (and optionally writes) the registry's htpasswd file; the new credentials are answered once. */
export const POST = route({ access: "registries:write", body: htpasswdInput }, async ({ caller, body, req, requestId }) =>
  generateHtpasswd({ ...actorOf(caller, req, requestId), actorId: caller.id }, body),
);
