import { requestIp } from "@/lib/http/client-info";
import { route } from "@/lib/http/route";
import { completeSetup } from "@/lib/services/password-setup";

/** Completes a set-password link: no session; the link's one-time secret is the credential. */
export const POST = route("POST /api/v1/password-setup", async ({ body, req, requestId }) =>
  completeSetup(body, {
    clientIp: requestIp(req),
    userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? null,
    requestId,
  }),
);
