import { z } from "zod";
import { API_ROUTES, plainParam, WWW_AUTHENTICATE_VALUE, type ApiRoute } from "./api-catalog";

/**
 * The OpenAPI 3.1 document, generated from the route catalog: every route with its parameters,
 * request body, success answer (the response schema as the wire carries it) and errors.
 */

/** A stable operationId from method and path: "POST /api/v1/tokens/{id}/rotate" -> "postTokensIdRotate". */
/** Who else a delegated route admits, as the document says it. */
const DELEGATED: Record<string, string> = {
  maintainer:
    ", or a team maintainer acting inside the namespaces the team owns (anything else: 404 or 403 with the reason)",
  member: ", or a member of the team",
};

export function operationId(r: Pick<ApiRoute, "method" | "path">): string {
  const words = r.path
    .replace(/^\/api\/(v1\/)?/, "")
    .split(/[/{}-]+/)
    .filter(Boolean);
  return r.method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

const errorBody = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
/** A schema as the JSON on the wire looks (codecs' string side), without the per-document `$schema` key. */
function wire(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  return rest;
}

/** The answers a route gives: its success body (from the catalog's response schema) and the errors it can meet. */
function responsesOf(r: ApiRoute, hasPathParams: boolean): Record<string, unknown> {
  const success = r.produces
    ? { content: Object.fromEntries(r.produces.map((t) => [t, { schema: { type: "string" } }])) }
    : r.response
      ? { content: { "application/json": { schema: wire(r.response) } } }
      : {};
  const location = r.location
    ? { headers: { Location: { description: "Where the new resource lives", schema: { type: "string" } } } }
    : {};
  const err = (description: string) => ({ description, content: errorBody });
  return {
    [String(r.status ?? 200)]: { description: r.status === 201 ? "Created" : "Success", ...location, ...success },
    ...(r.body || r.query ? { "400": err("The body or the query is not valid: the message names the field") } : {}),
    ...(r.access === "public"
      ? {}
      : {
          "401": {
            description: "No valid credentials",
            headers: { "WWW-Authenticate": { schema: { type: "string" }, description: WWW_AUTHENTICATE_VALUE } },
            content: errorBody,
          },
          "403": err("The role or the kind of credential does not allow this"),
        }),
    ...(hasPathParams ? { "404": err("No such resource (or not one you may see)") } : {}),
    ...(r.method === "POST" || r.method === "PATCH"
      ? { "409": err("Conflicts with what exists (a taken name, a grant already covered)") }
      : {}),
    "503": err("The database is unavailable: retry shortly"),
    default: err("Error"),
  };
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of API_ROUTES) {
    const params: Record<string, unknown>[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: r.params?.shape[m[1]] ? wire(r.params.shape[m[1]] as z.ZodType) : wire(plainParam),
    }));
    if (r.query) {
      const schema = wire(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {}))
        params.push({ name, in: "query", required: Boolean(schema.required?.includes(name)), schema: s });
    }
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
      operationId: operationId(r),
      tags: [r.path.split("/")[3] ?? "registry"],
      summary: r.summary,
      description:
        r.access === "public"
          ? "No credentials."
          : `Requires: ${r.access}${DELEGATED[r.delegated ?? ""] ?? ""}. Credentials accepted: ${r.credentials.join(", ")}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: wire(r.body) } } } } : {}),
      responses: responsesOf(
        r,
        params.some((p) => p.in === "path"),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portcullis automation API",
      version: "1",
      description:
        "Users, teams, service accounts, grants, tokens, registries and the audit log. Every answer below is the exact JSON the server sends.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: serverUrl }],
    security: [{ basic: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        basic: { type: "http", scheme: "basic", description: "username + password or access token" },
        bearer: { type: "http", scheme: "bearer", description: "an access token (pct_… or pcr_…)" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: {
                  type: "string",
                  description: "Stable, for programs: validation_failed, not_found, conflict, forbidden…",
                },
                message: { type: "string", description: "For people: what is wrong and what to do" },
                details: {
                  type: "array",
                  items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
