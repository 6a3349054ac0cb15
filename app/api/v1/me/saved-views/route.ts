import { route } from "@/lib/http/route";
import { mySavedViews, saveView } from "@/lib/services/saved-views";

export const GET = route("GET /api/v1/me/saved-views", ({ caller }) => mySavedViews(caller));

export const POST = route("POST /api/v1/me/saved-views", ({ caller, body }) => saveView(caller, body));
