import crypto from "node:crypto";
import { z } from "zod";
import { credentialKind, credentialRefusal } from "../auth/authority";
import { can, type Permission } from "../auth/permissions";
import { API, credentialsOf, plainParam, WWW_AUTHENTICATE_VALUE, type RouteKey, type RouteSpec } from "./api-catalog";
import { logger } from "../log";
import { AppError } from "../errors";
import { isUnavailable, isUniqueViolation } from "../db/errors";
import { actorOf } from "../audit/actor";
import type { AuditActor } from "../audit/types";
import type { Caller } from "../auth/caller";
import { requestFacts } from "./actor";
import { noteActor } from "../server/request-context";
import { stewardOf, type Steward } from "../services/stewardship";

/**
 * The one wrapper for API route handlers. A route file names its catalog entry
 * (`route("POST /api/v1/tokens", fn)`); the wrapper resolves the caller and decides, before any
 * handler runs, whether the kind of credential and the role both allow the route (a request's
 * authority is their intersection), validates the body and query with the entry's zod schemas,
 * and maps errors to `{"error":{"code","message"}}` responses.
 */
export interface Ctx<B, Q, P = Record<string, string>> {
  /** Undefined only on "public" routes. */
  caller: Caller;
  /** Who did it, with which credential and from where, for the audit records of the change. */
  actor: AuditActor;
  body: B;
  query: Q;
  /** The path's parameters, decoded and validated against the catalog (a misfit is a 404 before any handler runs). */
  params: P;
  req: Request;
  requestId: string;
  /**
   * What the caller may do through their teams (delegated routes only): admin when their role has
   * the route's permission, otherwise the teams they belong to, their role and namespaces in each.
   */
  steward: Steward;
}

const MAX_BODY = 256 * 1024;
export const WWW_AUTHENTICATE = WWW_AUTHENTICATE_VALUE;

export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(
    JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    {
      status,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    },
  );
}

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    const challenge = err.status === 401 ? { "WWW-Authenticate": WWW_AUTHENTICATE } : undefined;
    return json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
      err.status,
      challenge,
    );
  }
  if (isUniqueViolation(err)) return json({ error: { code: "conflict", message: "that name is already taken" } }, 409);
  if (isUnavailable(err)) {
    return json({ error: { code: "unavailable", message: "the database is unavailable; retry shortly" } }, 503, {
      "Retry-After": "5",
    });
  }
  logger.error("request failed", { requestId, error: (err as Error)?.stack ?? String(err) });
  return json({ error: { code: "internal", message: `internal error (reference ${requestId})` } }, 500);
}

function validation(error: z.ZodError, where: string): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  return new AppError(
    "validation_failed",
    `invalid ${where}: ${first.path ? `${first.path}: ` : ""}${first.message}`,
    details,
  );
}

async function readJson(req: Request, max = MAX_BODY): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  // No body at all is an empty object: the schema then says which fields are missing.
  if (!type && (req.headers.get("content-length") ?? "0") === "0" && !req.headers.get("transfer-encoding")) return {};
  if (!/^application\/([\w.-]+\+)?json\b/i.test(type.trim()))
    throw new AppError("bad_request", "send the body as JSON (Content-Type: application/json)");
  const text = await req.text();
  if (text.length > max) throw new AppError("payload_too_large", `the request body is larger than ${max / 1024} KiB`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
}

type Spec<K extends RouteKey> = (typeof API)[K];
type BodyOf<S> = S extends { body: z.ZodType } ? z.infer<S["body"]> : undefined;
type QueryOf<S> = S extends { query: z.ZodType } ? z.infer<S["query"]> : undefined;
/** "GET /api/v1/teams/{name}/members/{username}" -> "name" | "username". */
type PathNames<K extends string> = K extends `${string}{${infer P}}${infer Rest}` ? P | PathNames<Rest> : never;
type ParamsOf<K extends string, S> = Record<PathNames<K>, string> &
  (S extends { params: z.ZodObject } ? z.infer<S["params"]> : unknown);
/** What a handler returns: the response schema's server side (Dates, not strings); a Response only on routes that answer files. */
type OutOf<S> = S extends { response: z.ZodType } ? z.output<S["response"]> : Response;

/** Resolves the caller and refuses, with the reason, a credential kind or role the route does not admit. */
async function admit(spec: RouteSpec, req: Request, requestId: string): Promise<Caller> {
  const caller = await (await import("./caller")).resolveCaller(req);
  noteActor(requestId, caller.name); // for the access log, refused or not
  const refusal = credentialRefusal(credentialKind(caller), credentialsOf(spec));
  if (refusal) throw new AppError("forbidden", refusal);
  if (
    spec.access !== "authenticated" &&
    spec.access !== "public" &&
    (caller.kind !== "user" || !(can(caller.role, spec.access) || spec.delegated))
  ) {
    throw new AppError("forbidden", "your role does not allow this");
  }
  return caller;
}

const NO_STEWARDSHIP: Steward = { admin: false, teams: [] };

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validation(parsed.error, where);
  return parsed.data;
}

export function route<K extends RouteKey>(
  key: K,
  fn: (ctx: Ctx<BodyOf<Spec<K>>, QueryOf<Spec<K>>, ParamsOf<K, Spec<K>>>) => Promise<OutOf<Spec<K>>>,
) {
  const spec: RouteSpec = API[key];
  return async (req: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) ?? crypto.randomUUID();
    try {
      // Loaded on use: public routes (served by server.ts in front of Next) never load next-auth.
      const caller = spec.access === "public" ? (undefined as unknown as Caller) : await admit(spec, req, requestId);
      const params = pathParams(spec, (await context.params) ?? {});
      const body = spec.body
        ? parse(spec.body, refuseNul(await readJson(req, "maxBody" in spec ? spec.maxBody : undefined), "body"), "body")
        : undefined;
      const search = refuseNul(Object.fromEntries(new URL(req.url).searchParams), "query");
      const query = spec.query ? parse(spec.query, search, "query") : undefined;
      const actor = caller ? actorOf(caller, requestFacts(req, requestId)) : (undefined as unknown as AuditActor);
      const steward = spec.delegated ? await stewardOf(caller, spec.access as Permission) : NO_STEWARDSHIP;
      const out = await fn({ caller, actor, body, query, params, req, requestId, steward } as Ctx<
        BodyOf<Spec<K>>,
        QueryOf<Spec<K>>,
        ParamsOf<K, Spec<K>>
      >);
      return out instanceof Response ? out : answer(spec, out, params);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

/**
 * A handler's result as JSON, through the route's response schema: what the schema does not name
 * (Prisma internals, hashes, ids of other tables) never reaches a client. A 201 says where the new
 * resource lives.
 */
export function answer(spec: RouteSpec, out: unknown, params: Record<string, string>): Response {
  if (!spec.response) throw new Error("a route without a response schema must answer a Response");
  const body = z.encode(spec.response, out) as Record<string, unknown>;
  const location = spec.location?.replace(/\{(\w+)\}/g, (_m, k: string) =>
    encodeURIComponent(String(body[k] ?? params[k] ?? "")),
  );
  return json(body, spec.status ?? 200, location ? { Location: location } : undefined);
}

/** Path parameters are input too: decoded, then checked against the catalog; a malformed one is 404 (no such thing). */
export function pathParams(spec: RouteSpec, raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      throw new AppError("not_found", `no such ${key}`);
    }
    refuseNul(decoded, "path");
    const schema = (spec.params?.shape[key] as z.ZodType<string> | undefined) ?? plainParam;
    const parsed = schema.safeParse(decoded);
    if (!parsed.success) throw new AppError("not_found", `no such ${key}`);
    out[key] = parsed.data;
  }
  return out;
}

/** PostgreSQL cannot store U+0000 in text: refused at the door, so no input reaches the database with it. */
function refuseNul<T>(value: T, where: string): T {
  if (holdsNul(value)) throw new AppError("bad_request", `the ${where} holds a NUL character`);
  return value;
}

function holdsNul(v: unknown): boolean {
  if (typeof v === "string") return v.includes("\0");
  if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => k.includes("\0") || holdsNul(x));
  return false;
}
