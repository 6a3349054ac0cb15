import { verifyChain } from "@/lib/audit/verify";
import { route } from "@/lib/http/route";

/** Recomputes the whole hash chain; reports the first broken link, if any. Changes nothing. */
export const POST = route("POST /api/v1/audit-events/verify", async () => verifyChain());
