import { route } from "@/lib/http/route";
import { diagnoseClientError } from "@/lib/services/diagnose";

/** "Why can't I push?": a pasted docker/podman/skopeo error, with its cause and the fix for this installation. */
export const POST = route("POST /api/v1/me/diagnose", async ({ caller, body }) =>
  diagnoseClientError(caller, body.text),
);
