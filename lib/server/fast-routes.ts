import { live } from "../config/env";
import type { IncomingMessage, ServerResponse } from "node:http";
import { liveness, readiness } from "../health";
import { serveMetrics } from "../metrics/endpoint";
import { serveToken } from "../token-server/http";
import { DEVICE_CODE_PATH, REVOKE_PATH, serveOAuth } from "../token-server/oauth-http";
import { registryEventsHandler } from "./events-route";
import { errorResponse } from "../http/route";
import { sendWebResponse, toWebRequest } from "./node-bridge";

/**
 * The paths answered in front of Next.js's router: the registry token endpoint (every docker
 * pull and push asks it, in bursts) and its OAuth companions (device codes, revocation), the registry's notifications (as many) and the health probe.
 * Returns false for everything else.
 */
export function serveFastPath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?", 1)[0];
  if (path === "/api/registry/token" && !live.tokenViaNext()) {
    void serveToken(req, res);
    return true;
  }
  if (path === DEVICE_CODE_PATH || path === REVOKE_PATH) {
    void serveOAuth(req, res, path);
    return true;
  }
  if (path === "/api/registry/events") {
    const url = new URL(req.url ?? "/", "http://internal");
    void toWebRequest(req, url)
      .then((r) => registryEventsHandler(r, { params: Promise.resolve({}) }))
      .then((r) => sendWebResponse(res, r))
      .catch((err) => sendWebResponse(res, errorResponse(err, "bridge")));
    return true;
  }
  if (path === "/metrics") {
    void serveMetrics(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return true;
  }
  if (path === "/api/health/live") {
    sendJson(res, liveness());
    return true;
  }
  if (path === "/api/health" || path === "/api/health/ready") {
    void readiness().then((h) => sendJson(res, h));
    return true;
  }
  return false;
}

function sendJson(res: ServerResponse, h: { status: number; body: Record<string, unknown> }): void {
  res.writeHead(h.status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(h.body));
}
