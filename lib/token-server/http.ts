import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isUnavailable } from "../db/errors";
import { auditBatcher } from "../audit/batcher";
import { clientIp, parseBasicAuth } from "../http/client-info";
import { looksLikeToken } from "../registry/pat";
import { DEVICE_GRANT_TYPE } from "../registry/device-codes";
import { logger } from "../log";
import { metrics } from "../metrics/instruments";
import { InFlight } from "../util/in-flight";
import { handleTokenRequest, type TokenRequest, type TokenResponse } from "./token-service";

/**
 * The lean transport of the token endpoint, served by server.ts in front of Next.js's router:
 * GET with Basic credentials (docker login/pull/push) and the OAuth2 POST form.
 */
const MAX_BODY = 16 * 1024;
const MAX_PARAMS = 64;

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BadRequest(`the request body is larger than ${MAX_BODY / 1024} KiB`, 413));
        req.pause(); // the rest is never read: the answer closes the connection
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** C0 controls and DEL: no scope, service, account, client id or username holds one. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export function params(search: URLSearchParams): URLSearchParams {
  if ([...search.keys()].length > MAX_PARAMS) throw new BadRequest("too many parameters");
  for (const [k, v] of search) {
    if (CONTROL.test(k) || (k !== "password" && CONTROL.test(v)))
      throw new BadRequest(`the ${CONTROL.test(k) ? "parameter names" : k} parameter holds a control character`);
  }
  return search;
}

/** The transport-neutral view of an HTTP request that both servers (node:http, Next.js) provide. */
export interface RawTokenRequest {
  method: string;
  /** The query string's parameters. */
  query: URLSearchParams;
  header(name: string): string | undefined;
  readBody(): Promise<string>;
  socketIp: string | undefined;
}

export async function parseTokenRequest(raw: RawTokenRequest): Promise<TokenRequest> {
  const base = {
    clientIp: clientIp(raw.header("x-forwarded-for"), raw.socketIp),
    userAgent: raw.header("user-agent")?.slice(0, 300),
    requestId: raw.header("x-request-id")?.slice(0, 100) ?? crypto.randomUUID(),
  };
  if (raw.method === "POST") {
    const type = raw.header("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded"))
      throw new BadRequest("expected an application/x-www-form-urlencoded body");
    const form = params(new URLSearchParams(await raw.readBody()));
    const grant = form.get("grant_type");
    const common = {
      ...base,
      form: "oauth2" as const,
      service: form.get("service") ?? undefined,
      scopes: form.getAll("scope"),
      clientId: form.get("client_id") ?? undefined,
      offline: form.get("access_type") === "offline",
    };
    if (grant === "password") {
      const username = form.get("username");
      const password = form.get("password");
      if (!username || password === null)
        throw new BadRequest("username and password are required for grant_type=password");
      if (CONTROL.test(username)) throw new BadRequest("the username holds a control character");
      return { ...common, credentials: { username, secret: password } };
    }
    if (grant === "refresh_token") {
      const refresh = form.get("refresh_token");
      if (!refresh) throw new BadRequest("refresh_token is required for grant_type=refresh_token");
      return { ...common, refreshToken: refresh };
    }
    if (grant === DEVICE_GRANT_TYPE) {
      const deviceCode = form.get("device_code");
      if (!deviceCode) throw new BadRequest(`device_code is required for grant_type=${DEVICE_GRANT_TYPE}`);
      return { ...common, deviceCode };
    }
    throw new BadRequest(`grant_type must be password, refresh_token or ${DEVICE_GRANT_TYPE}`);
  }
  const q = params(raw.query);
  const auth = raw.header("authorization");
  const basic = parseBasicAuth(auth);
  if (auth && !basic) throw new BadRequest("the Authorization header must be HTTP Basic");
  if (basic && CONTROL.test(basic.username)) throw new BadRequest("the username holds a control character");
  return {
    ...base,
    form: "basic",
    service: q.get("service") ?? undefined,
    scopes: q.getAll("scope"),
    account: q.get("account") ?? undefined,
    clientId: q.get("client_id") ?? undefined,
    offline: q.get("offline_token") === "true",
    ...(basic ? { credentials: basic } : {}),
  };
}

/**
 * A refused request is recorded like any other decision, with who it claimed to be: malformed
 * input is never a way to try credentials off the record.
 */
async function recordMalformed(raw: RawTokenRequest, why: string): Promise<void> {
  const basic = parseBasicAuth(raw.header("authorization"));
  await auditBatcher().record({
    actorKind: "anonymous",
    actorName: basic?.username.slice(0, 64) ?? null,
    credential: basic ? (looksLikeToken(basic.secret) ? "token" : "password") : "none",
    action: "token.issue",
    outcome: "denied",
    reason: `malformed_request: ${why}`,
    clientIp: clientIp(raw.header("x-forwarded-for"), raw.socketIp),
    userAgent: raw.header("user-agent")?.slice(0, 300),
    requestId: raw.header("x-request-id")?.slice(0, 100) ?? crypto.randomUUID(),
    details: { method: raw.method },
  });
}

const unavailable = (err: unknown): TokenResponse => {
  logger.warn("token request: database unavailable", { error: (err as Error).message });
  return {
    status: 503,
    body: { errors: [{ code: "UNAVAILABLE", message: "the token service is temporarily unavailable; retry shortly" }] },
    headers: { "Retry-After": "5" },
    outcome: { outcome: "unavailable", reason: "database", credential: "unknown" },
  };
};

/** Token requests being answered (shutdown waits for them). */
const answering = new InFlight();

/** Answers one token request; never throws. Every answer is counted and timed for /metrics. */
export function answerTokenRequest(raw: RawTokenRequest): Promise<TokenResponse> {
  return answering.run(async () => {
    const started = performance.now();
    const r = await answer(raw);
    const o = r.outcome ?? { outcome: "error", reason: "internal", credential: "unknown" };
    const m = metrics();
    m.tokenRequests.inc({ outcome: o.outcome, reason: o.reason, credential: o.credential });
    m.tokenDuration.observe({ outcome: o.outcome }, (performance.now() - started) / 1000);
    return r;
  });
}

/**
 * Resolves once no token request is being answered, or after `ms`. Shutdown waits for it before
 * the database closes: a request may outlive its connection (a failed password's answer is held
 * back up to 4 s, and the client may leave), and its decision is still recorded.
 */
export const tokenRequestsSettled = (ms: number): Promise<void> => answering.settled(ms);

async function answer(raw: RawTokenRequest): Promise<TokenResponse> {
  if (raw.method !== "GET" && raw.method !== "POST") {
    return {
      status: 405,
      body: { errors: [{ code: "UNSUPPORTED", message: "use GET or POST" }] },
      headers: { Allow: "GET, POST" },
      outcome: { outcome: "invalid", reason: "method", credential: "unknown" },
    };
  }
  try {
    return await handleTokenRequest(await parseTokenRequest(raw));
  } catch (err) {
    try {
      if (err instanceof BadRequest) {
        await recordMalformed(raw, err.message);
        return {
          status: err.status,
          body: { errors: [{ code: err.status === 413 ? "TOO_LARGE" : "INVALID_REQUEST", message: err.message }] },
          outcome: { outcome: "invalid", reason: "malformed_request", credential: "unknown" },
        };
      }
      if (isUnavailable(err)) return unavailable(err);
    } catch (recordErr) {
      if (isUnavailable(recordErr)) return unavailable(recordErr);
      err = recordErr;
    }
    const id = crypto.randomUUID();
    logger.error("token request failed", { errorId: id, error: (err as Error).stack ?? String(err) });
    return { status: 500, body: { errors: [{ code: "UNKNOWN", message: `internal error (reference ${id})` }] } };
  }
}

function send(res: ServerResponse, r: TokenResponse): void {
  const body = JSON.stringify(r.body);
  const unread = r.status === 413;
  res.writeHead(r.status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
    ...(unread ? { Connection: "close" } : {}),
    ...r.headers,
  });
  res.end(body); // with Connection: close, Node closes the socket once the answer is out
}

export async function serveToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  send(
    res,
    await answerTokenRequest({
      method: req.method ?? "GET",
      query: new URLSearchParams(q < 0 ? "" : target.slice(q + 1)), // the path is known: no URL to parse
      header: (n) => {
        const v = req.headers[n];
        return Array.isArray(v) ? v[0] : v;
      },
      readBody: () => readBody(req),
      socketIp: req.socket.remoteAddress,
    }),
  );
}
