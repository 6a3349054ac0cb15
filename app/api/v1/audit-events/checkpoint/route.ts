import { latestCheckpoint } from "@/lib/audit/checkpoint";
import { route } from "@/lib/http/route";

/** The newest signed checkpoint: auditors keep these, and verify the log against them later. */
export const GET = route(
  "GET /api/v1/audit-events/checkpoint",
  async () => (await latestCheckpoint()) ?? { checkpoint: null, jws: null },
);
