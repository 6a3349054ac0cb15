import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../config/env";
import { sameSecret } from "../util/same-secret";
import { metrics } from "./instruments";

/**
 * GET /metrics in Prometheus's text format, answered by server.ts in front of Next.js (a scrape
 * never waits on page rendering). With PORTCULLIS_METRICS_TOKEN set it asks for that bearer token.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const required = env().PORTCULLIS_METRICS_TOKEN;
  const auth = req.headers.authorization ?? "";
  if (required && !(auth.startsWith("Bearer ") && sameSecret(auth.slice(7), required))) {
    res.writeHead(401, { "Content-Type": "text/plain", "WWW-Authenticate": 'Bearer realm="portcullis-metrics"' });
    res.end("metrics need Authorization: Bearer <PORTCULLIS_METRICS_TOKEN>\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" });
    res.end("use GET\n");
    return;
  }
  const { registry } = metrics();
  const body = await registry.metrics();
  res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}
