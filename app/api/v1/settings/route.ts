import { actorOf } from "@/lib/http/actor";
import { route } from "@/lib/http/route";
import { settingsPatch, updateSettings } from "@/lib/services/settings";
import { getSettings } from "@/lib/settings";

export const GET = route({ access: "authenticated" }, async () => getSettings());

/** e.g. {"tokenTtlSeconds": 600} — takes effect within seconds on every instance. */
export const PATCH = route({ access: "settings:write", body: settingsPatch }, async ({ caller, body, req, requestId }) =>
  updateSettings(actorOf(caller, req, requestId), body),
);
