import crypto from "node:crypto";
import { z } from "zod";
import { can, type Permission } from "../auth/permissions";
import { logger } from "../log";
import { AppError, isUnavailable, isUniqueViolation } from "./errors";
import type { Caller } from "./caller";

/**
 * The one wrapper for API route handlers: resolves the caller, checks the permission, validates
 * the body and query with zod, and maps errors to `{"error":{"code","message"}}` responses.
 */
/** "public": no credentials at all (the request carries its own proof, e.g. a one-time link). */
type Access = Permission | "authenticated" | "public";

interface Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: Access;
  body?: B;
  query?: Q;
  /** Service accounts may call this route (default: people only). */
  allowServiceAccounts?: boolean;
}

export interface Ctx<B, Q> {
  /** Undefined only on "public" routes. */
  caller: Caller;
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
  requestId: string;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
const MAX_BODY = 256 * 1024;

export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    return json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } }, err.status);
  }
  if (isUniqueViolation(err)) return json({ error: { code: "conflict", message: "that name is already taken" } }, 409);
  if (isUnavailable(err)) {
    return json({ error: { code: "unavailable", message: "the database is unavailable; retry shortly" } }, 503, { "Retry-After": "5" });
  }
  logger.error("request failed", { requestId, error: (err as Error)?.stack ?? String(err) });
  return json({ error: { code: "internal", message: `internal error (reference ${requestId})` } }, 500);
}

function validation(error: z.ZodError, where: string): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  return new AppError("validation_failed", `invalid ${where}: ${first.path ? `${first.path}: ` : ""}${first.message}`, details);
}

async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.-]+\+)?json\b/i.test(type.trim())) throw new AppError("bad_request", "send the body as JSON (Content-Type: application/json)");
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError("bad_request", "request body too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
}

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  opts: Options<B, Q>,
  fn: (ctx: Ctx<Infer<B>, Infer<Q>>) => Promise<Response | unknown>,
) {
  return async (req: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) ?? crypto.randomUUID();
    try {
      // Loaded on use: public routes (served by server.ts in front of Next) never load next-auth.
      const caller = opts.access === "public" ? (undefined as unknown as Caller) : await (await import("./caller")).resolveCaller(req);
      if (caller && caller.kind === "service_account" && !opts.allowServiceAccounts) {
        throw new AppError("forbidden", "service accounts may only use the registry token endpoint");
      }
      // A token scoped to some repositories is a registry credential: on the automation API it
      // may do only what any signed-in person may (its own tokens, its profile), never admin work.
      if (caller && caller.via === "token" && caller.credential.type === "token" && caller.credential.scopes && opts.access !== "authenticated" && opts.access !== "public") {
        throw new AppError("forbidden", "this access token is limited to registry scopes; use an unscoped token or a password for this API");
      }
      if (opts.access !== "authenticated" && opts.access !== "public" && (caller.kind !== "user" || !can(caller.role, opts.access))) {
        throw new AppError("forbidden", "your role does not allow this");
      }
      let body: unknown = undefined;
      if (opts.body) {
        const parsed = opts.body.safeParse(await readJson(req));
        if (!parsed.success) throw validation(parsed.error, "body");
        body = parsed.data;
      }
      let query: unknown = undefined;
      if (opts.query) {
        const parsed = opts.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
        if (!parsed.success) throw validation(parsed.error, "query");
        query = parsed.data;
      }
      const params = (await context.params) ?? {};
      const out = await fn({ caller, body: body as Infer<B>, query: query as Infer<Q>, params, req, requestId });
      return out instanceof Response ? out : json(out);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}
