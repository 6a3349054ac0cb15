import { route } from "@/lib/http/route";
import { rotateToken } from "@/lib/services/tokens";

export const POST = route("POST /api/v1/tokens/{id}/rotate", async ({ caller, body, params, actor }) =>
  rotateToken(caller, params.id, body.graceHours, actor),
);
