import { route } from "@/lib/http/route";
import { deleteManifest } from "@/lib/services/browse";
import { deleteInput } from "@/lib/validation/browse";
import { param } from "@/lib/validation/params";

/** Deletes a manifest by digest (every tag on it goes); needs the delete grant; recorded. */
export const POST = route({ access: "authenticated", body: deleteInput }, async ({ caller, params, body, req }) =>
  deleteManifest(caller, param(params, "registry"), body.repository, body.digest, body.tags, req),
);
