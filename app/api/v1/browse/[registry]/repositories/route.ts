import { route } from "@/lib/http/route";
import { listRepositories } from "@/lib/services/browse";

/** Repositories the caller may pull (q: substring; last/n: the cursor over the registry's own paging). */
export const GET = route("GET /api/v1/browse/{registry}/repositories", async ({ caller, params, query }) =>
  listRepositories(caller, params.registry, query),
);
