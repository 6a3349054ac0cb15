import { z } from "zod";
import { deniedPushes, tagHistory } from "@/lib/db/tag-history";
import { route } from "@/lib/http/route";

const query = z.object({ repository: z.string().trim().min(1, "name a repository").max(300), tag: z.string().trim().max(200).optional() });

/** Which digest each tag pointed to when (overwrites flagged), and the refused push attempts. */
export const GET = route({ access: "audit:read", query }, async ({ query }) => ({
  repository: query.repository,
  changes: await tagHistory(query.repository, query.tag || undefined),
  deniedPushes: await deniedPushes(query.repository),
}));
