import { route } from "@/lib/http/route";
import { applyAccessConfig } from "@/lib/services/access-config";

export const POST = route("POST /api/v1/access-config/apply", ({ caller, actor, body }) =>
  applyAccessConfig(caller, actor, body.document, body),
);
