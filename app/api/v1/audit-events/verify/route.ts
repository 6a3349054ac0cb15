import { verifyChain } from "@/lib/audit/verify";
import { route } from "@/lib/http/route";

/** Recomputes the whole hash chain and checks its head against a signed checkpoint. Changes nothing. */
export const POST = route("POST /api/v1/audit-events/verify", async ({ body }) =>
  verifyChain({ checkpoint: body.checkpoint }),
);
