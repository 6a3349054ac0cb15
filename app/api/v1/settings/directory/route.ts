import { route } from "@/lib/http/route";
import { directorySettings } from "@/lib/services/directory";

export const GET = route("GET /api/v1/settings/directory", async () => directorySettings());
