import { route } from "@/lib/http/route";
import { exportAccessConfig } from "@/lib/services/access-config";

/** `portcullis export`: the access configuration as YAML, for git and as the configuration's backup. */
export const GET = route("GET /api/v1/access-config", async () => {
  return new Response(await exportAccessConfig(), {
    headers: {
      "Content-Type": "text/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="access.yaml"`,
      "Cache-Control": "no-store",
    },
  });
});
