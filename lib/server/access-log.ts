import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../config/env";
import { API_ROUTES } from "../http/api-catalog";
import { clientIp } from "../http/client-info";
import { logger } from "../log";
import { metrics } from "../metrics/instruments";
import { trackRequest, type RequestContext } from "./request-context";

/** The catalog's paths as matchers, so a request is named by its route template (bounded), not its path. */
const TEMPLATES = [...new Set(API_ROUTES.map((r) => r.path))].map((template) => ({
  template,
  re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`),
}));
const FIXED = new Set([
  "/api/registry/token",
  "/api/registry/events",
  "/api/oauth/device/code",
  "/api/oauth/revoke",
  "/metrics",
  "/api/health",
  "/api/health/live",
  "/api/health/ready",
]);

/** The route a path belongs to: an API template, one of the fixed endpoints, "static" or "page". */
export function routeOf(path: string): string {
  if (FIXED.has(path)) return path;
  if (path.startsWith("/_next/")) return "static";
  if (path.startsWith("/api/auth/")) return "/api/auth/*";
  // Most specific first: a literal segment beats a parameter ("/audit-events/count" before "/{id}").
  const hit = TEMPLATES.filter((t) => t.re.test(path)).sort(
    (a, b) => literalLength(b.template) - literalLength(a.template),
  )[0];
  if (hit) return hit.template;
  return path.startsWith("/api/") ? "/api/other" : "page";
}
const literalLength = (t: string) => t.replace(/\{\w+\}/g, "").length;

/**
 * Wraps one request: gives it a request id (the caller's X-Request-Id, else a new one, echoed back),
 * and when the answer is out writes one JSON access-log line (method, route, path without the
 * query, status, duration, request id, client address, actor) and counts it for /metrics.
 */
export function handleWithAccessLog(req: IncomingMessage, res: ServerResponse, serve: () => void): void {
  const started = performance.now();
  const given = req.headers["x-request-id"];
  const requestId = (typeof given === "string" && given.length <= 100 && given) || crypto.randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  const ctx: RequestContext = { requestId };
  const address = clientIp(header(req, "x-forwarded-for"), req.socket?.remoteAddress); // the socket is gone by "close"
  const tracked = trackRequest(ctx);
  res.once("close", () => {
    tracked.done();
    const path = (req.url ?? "/").split("?", 1)[0];
    const route = routeOf(path);
    const seconds = (performance.now() - started) / 1000;
    const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
    const m = metrics();
    m.httpRequests.inc({ route, method: req.method ?? "GET", status: `${Math.floor(status / 100)}xx` });
    m.httpDuration.observe({ route }, seconds);
    if (env().PORTCULLIS_ACCESS_LOG === "off") return;
    logger.info("request", {
      method: req.method,
      route,
      path: path.slice(0, 300),
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      requestId,
      clientIp: address,
      ...(ctx.actor ? { actor: ctx.actor } : {}),
    });
  });
  serve();
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
