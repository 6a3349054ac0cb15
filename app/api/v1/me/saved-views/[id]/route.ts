import { route } from "@/lib/http/route";
import { forgetView } from "@/lib/services/saved-views";

/** Only the caller's own views: anyone else's id is not found. */
export const DELETE = route("DELETE /api/v1/me/saved-views/{id}", ({ caller, params }) =>
  forgetView(caller, params.id),
);
