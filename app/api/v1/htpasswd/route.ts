import { route } from "@/lib/http/route";
import { generateHtpasswd } from "@/lib/services/htpasswd";

/** Generates (and optionally writes) the registry's htpasswd file; the new credentials are answered once. */
export const POST = route("POST /api/v1/htpasswd", async ({ caller, actor, body }) =>
  generateHtpasswd({ ...actor, actorId: caller.id }, body, caller.via === "session" ? undefined : caller.credential),
);
