import { route } from "@/lib/http/route";
import { updateSettings } from "@/lib/services/settings";
import { getSettings } from "@/lib/settings";

export const GET = route("GET /api/v1/settings", async () => getSettings());

/** e.g. {"tokenTtlSeconds": 600} — takes effect within seconds on every instance. */
export const PATCH = route("PATCH /api/v1/settings", async ({ actor, body }) => updateSettings(actor, body));
