import { route } from "@/lib/http/route";
import { deletePreview } from "@/lib/services/browse";

/** Every tag that deleting this one would take with it (they share its digest). */
export const GET = route("GET /api/v1/browse/{registry}/delete-preview", async ({ caller, params, query }) =>
  deletePreview(caller, params.registry, query.repository, query.tag),
);
