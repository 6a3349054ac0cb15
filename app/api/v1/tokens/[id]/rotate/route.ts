import { route } from "@/lib/http/route";
import { rotateToken } from "@/lib/services/tokens";
import { rotateTokenInput } from "@/lib/validation/token";
import { param, uuid } from "@/lib/validation/params";

export const POST = route({ access: "authenticated", body: rotateTokenInput }, async ({ caller, body, params, req }) =>
  rotateToken(caller, param(params, "id", uuid), body.graceHours, req),
);
