import { exportStream } from "@/lib/audit/export";
import { route } from "@/lib/http/route";
import { toFilter } from "@/lib/services/audit";

/** The filter's events as CSV or JSON lines, streamed (never buffered whole). */
export const GET = route("GET /api/v1/audit-events/export", async ({ query, steward }) => {
  const { format, ...filter } = query;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(exportStream(await toFilter(filter, steward), format), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="portcullis-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "Cache-Control": "no-store",
    },
  });
});
