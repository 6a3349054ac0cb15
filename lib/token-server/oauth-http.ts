import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp } from "../http/client-info";
import { isUnavailable } from "../db/errors";
import { logger } from "../log";
import { DeviceRequestError, startDeviceAuthorization } from "../services/devices";
import { signOutPresented } from "../services/my-access";
import { BadRequest, params, readBody } from "./http";

/**
 * The two OAuth endpoints beside the token endpoint, for `docker-credential-portcullis` and any
 * RFC-speaking client: the device authorization endpoint (RFC 8628 §3.1–3.2) and token
 * revocation (RFC 7009). Both take an application/x-www-form-urlencoded POST and answer JSON with
 * OAuth's error shape (`error`, `error_description`).
 */
export const DEVICE_CODE_PATH = "/api/oauth/device/code";
export const REVOKE_PATH = "/api/oauth/revoke";

function send(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (req.method !== "POST") throw new BadRequest("use POST with an application/x-www-form-urlencoded body", 405);
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
    throw new BadRequest("expected an application/x-www-form-urlencoded body");
  return params(new URLSearchParams(await readBody(req)));
}

const facts = (req: IncomingMessage) => ({
  clientIp: clientIp(req.headers["x-forwarded-for"] as string | undefined, req.socket.remoteAddress),
  userAgent: req.headers["user-agent"]?.slice(0, 300),
  requestId: (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) ?? crypto.randomUUID(),
});

export async function serveOAuth(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const form = await readForm(req);
    const f = facts(req);
    if (path === DEVICE_CODE_PATH) {
      const answer = await startDeviceAuthorization({
        clientId: form.get("client_id") ?? undefined,
        scope: form.get("scope") ?? undefined,
        service: form.get("service") ?? undefined,
        deviceName: form.get("device_name") ?? undefined,
        ...f,
      });
      return send(res, 200, answer);
    }
    const token = form.get("token");
    if (!token) throw new BadRequest("token is required");
    // RFC 7009 §2.2: the answer is 200 whether or not the token was known.
    await signOutPresented(token, f);
    return send(res, 200, {});
  } catch (err) {
    if (err instanceof DeviceRequestError)
      return send(
        res,
        err.status,
        { error: err.error, error_description: err.message },
        err.status === 429 || err.status === 503 ? { "Retry-After": "60" } : {},
      );
    if (err instanceof BadRequest)
      return send(
        res,
        err.status,
        { error: "invalid_request", error_description: err.message },
        err.status === 405 ? { Allow: "POST" } : err.status === 413 ? { Connection: "close" } : {},
      );
    if (isUnavailable(err))
      return send(
        res,
        503,
        { error: "temporarily_unavailable", error_description: "the database is unavailable; retry shortly" },
        { "Retry-After": "5" },
      );
    const id = crypto.randomUUID();
    logger.error("oauth request failed", { errorId: id, path, error: (err as Error).stack ?? String(err) });
    return send(res, 500, { error: "server_error", error_description: `internal error (reference ${id})` });
  }
}
