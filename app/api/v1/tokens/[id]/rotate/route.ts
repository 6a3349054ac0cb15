import { route } from "@/lib/http/route";
import { rotateToken } from "@/lib/services/tokens";
import { param, uuid } from "@/lib/validation/params";

export const POST = route("POST /api/v1/tokens/{id}/rotate", async ({ caller, body, params, actor }) =>
  rotateToken(caller, param(params, "id", uuid), body.graceHours, actor),
);
