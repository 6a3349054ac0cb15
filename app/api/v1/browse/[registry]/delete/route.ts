import { route } from "@/lib/http/route";
import { deleteManifest } from "@/lib/services/browse";

/** Deletes a manifest by digest (every tag on it goes); needs the delete grant; recorded. */
export const POST = route("POST /api/v1/browse/{registry}/delete", async ({ caller, params, body, actor }) =>
  deleteManifest(caller, params.registry, body.repository, body.digest, body.tags, actor),
);
