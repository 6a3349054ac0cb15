import { route } from "@/lib/http/route";
import { openHelperDownload } from "@/lib/services/downloads";

/** Public like any client download: a machine fetches it before it can sign in anywhere. */
export const GET = route("GET /api/v1/downloads/{file}", async ({ params }) => {
  const d = openHelperDownload(params.file);
  return new Response(d.stream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(d.size),
      "Content-Disposition": `attachment; filename="${params.file}"`,
      "Cache-Control": "no-cache",
    },
  });
});
