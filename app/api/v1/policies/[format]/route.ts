import { route } from "@/lib/http/route";
import { exportPolicy } from "@/lib/services/policies";

/** The grants as a docker_auth ACL (YAML) or a zot accessControl policy (JSON), as a download. */
export const GET = route("GET /api/v1/policies/{format}", async ({ params, query }) => {
  const out = await exportPolicy(params.format, query.registry);
  return new Response(out.content, {
    headers: {
      "Content-Type": `${out.contentType}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${out.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
