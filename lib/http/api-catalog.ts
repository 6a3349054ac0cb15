import { z } from "zod";
import { settingsPatch } from "../services/settings";
import { createGrantInput } from "../validation/grant";
import { createServiceAccountInput, createTeamInput, teamMemberInput, updateServiceAccountInput, updateTeamInput } from "../validation/team";
import { createTokenInput, rotateTokenInput } from "../validation/token";
import { changePasswordInput, createUserInput, passwordSetupInput, revokeEverythingInput, updateUserInput } from "../validation/user";
import { simulateInput } from "../validation/access";
import { deleteInput } from "../validation/browse";
import { htpasswdInput, policyImportInput, registryInput, registryPatch } from "../validation/registry";

/**
 * Every automation API route with the permission it needs: the source of the OpenAPI document
 * and of the route x role test matrix, so a new route cannot be left out of either.
 */
export interface ApiRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  access: string;
  summary: string;
  body?: z.ZodType;
}

export const API_ROUTES: ApiRoute[] = [
  { method: "GET", path: "/api/v1/me", access: "authenticated", summary: "Who the credentials belong to" },
  { method: "GET", path: "/api/v1/users", access: "users:read", summary: "List users (search, role, disabled, page, pageSize)" },
  { method: "POST", path: "/api/v1/users", access: "users:write", summary: "Create a user", body: createUserInput },
  { method: "GET", path: "/api/v1/users/{username}", access: "users:read", summary: "One user" },
  { method: "PATCH", path: "/api/v1/users/{username}", access: "users:write", summary: "Change role, email, name, disabled, password", body: updateUserInput },
  { method: "DELETE", path: "/api/v1/users/{username}", access: "users:write", summary: "Delete a user (tokens go, audit history stays)" },
  { method: "POST", path: "/api/v1/users/{username}/password-link", access: "users:write", summary: "A one-time set-password link for the user (72 h)" },
  { method: "POST", path: "/api/v1/password-setup", access: "public", summary: "Set your password with a one-time link's token", body: passwordSetupInput },
  { method: "GET", path: "/api/v1/users/{username}/credentials", access: "users:read", summary: "What revoke-everything would revoke" },
  { method: "POST", path: "/api/v1/users/{username}/revoke-everything", access: "users:write", summary: "Revoke sessions, tokens and created robot tokens (your password confirms)", body: revokeEverythingInput },
  { method: "POST", path: "/api/v1/me/password", access: "authenticated", summary: "Change your own password (current one required)", body: changePasswordInput },
  { method: "GET", path: "/api/v1/teams", access: "teams:read", summary: "List teams" },
  { method: "POST", path: "/api/v1/teams", access: "teams:write", summary: "Create a team", body: createTeamInput },
  { method: "GET", path: "/api/v1/teams/{name}", access: "teams:read", summary: "A team with members and grants" },
  { method: "PATCH", path: "/api/v1/teams/{name}", access: "teams:write", summary: "Rename or describe a team", body: updateTeamInput },
  { method: "DELETE", path: "/api/v1/teams/{name}", access: "teams:write", summary: "Delete a team" },
  { method: "POST", path: "/api/v1/teams/{name}/members", access: "teams:write", summary: "Add a member", body: teamMemberInput },
  { method: "DELETE", path: "/api/v1/teams/{name}/members/{username}", access: "teams:write", summary: "Remove a member" },
  { method: "GET", path: "/api/v1/service-accounts", access: "service_accounts:read", summary: "List service accounts" },
  { method: "POST", path: "/api/v1/service-accounts", access: "service_accounts:write", summary: "Create a service account", body: createServiceAccountInput },
  { method: "GET", path: "/api/v1/service-accounts/{name}", access: "service_accounts:read", summary: "A service account with grants and tokens" },
  { method: "PATCH", path: "/api/v1/service-accounts/{name}", access: "service_accounts:write", summary: "Describe, disable or enable", body: updateServiceAccountInput },
  { method: "DELETE", path: "/api/v1/service-accounts/{name}", access: "service_accounts:write", summary: "Delete a service account" },
  { method: "GET", path: "/api/v1/grants", access: "grants:read", summary: "List grants (repository, subject filters)" },
  { method: "POST", path: "/api/v1/grants", access: "grants:write", summary: "Grant a subject actions on a repository or pattern", body: createGrantInput },
  { method: "GET", path: "/api/v1/grants/{id}", access: "grants:read", summary: "One grant" },
  { method: "DELETE", path: "/api/v1/grants/{id}", access: "grants:write", summary: "Revoke a grant" },
  { method: "POST", path: "/api/v1/access/simulate", access: "grants:read", summary: "Why was this denied? The token endpoint's decision with its trace", body: simulateInput },
  { method: "GET", path: "/api/v1/access/repository", access: "grants:read", summary: "Who can pull/push/delete a repository (?name=) and why" },
  { method: "GET", path: "/api/v1/access/users/{username}", access: "grants:read", summary: "Every repository pattern a user reaches" },
  { method: "GET", path: "/api/v1/tokens", access: "authenticated", summary: "Your access tokens (?all=true: everyone's, admins and auditors)" },
  { method: "POST", path: "/api/v1/tokens", access: "authenticated", summary: "Mint an access token; the secret is answered once as token", body: createTokenInput },
  { method: "GET", path: "/api/v1/tokens/{id}", access: "authenticated", summary: "One of your tokens" },
  { method: "DELETE", path: "/api/v1/tokens/{id}", access: "authenticated", summary: "Revoke a token (yours; admins: anyone's)" },
  { method: "POST", path: "/api/v1/tokens/{id}/rotate", access: "authenticated", summary: "New secret, old one valid for graceHours", body: rotateTokenInput },
  { method: "GET", path: "/api/v1/audit-events", access: "audit:read", summary: "Audit events, newest first (from, to, actor, repository, prefix, tag, action, outcome, credential, q; cursor)" },
  { method: "GET", path: "/api/v1/audit-events/{id}", access: "audit:read", summary: "One event with every field" },
  { method: "GET", path: "/api/v1/audit-events/count", access: "audit:read", summary: "How many events match the filter" },
  { method: "GET", path: "/api/v1/audit-events/activity", access: "audit:read", summary: "Pushes, pulls and denials per hour or day (bucket=hour|day)" },
  { method: "GET", path: "/api/v1/audit-events/top-denied", access: "audit:read", summary: "Most denied subjects and repositories" },
  { method: "GET", path: "/api/v1/audit-events/export", access: "audit:read", summary: "The filter as CSV or JSON lines (format=csv|jsonl), streamed" },
  { method: "GET", path: "/api/v1/audit-events/tags", access: "audit:read", summary: "Tag history of a repository (overwrites flagged) and refused pushes" },
  { method: "POST", path: "/api/v1/audit-events/verify", access: "audit:read", summary: "Verify the hash chain; the first broken link" },
  { method: "POST", path: "/api/v1/audit-events/retention", access: "settings:write", summary: "Apply the retention setting now" },
  { method: "POST", path: "/api/registry/events", access: "public", summary: "Registry notifications (?service=; Authorization: Bearer <the registry's secret>)" },
  { method: "GET", path: "/api/v1/lockouts", access: "users:read", summary: "Current credential lockouts" },
  { method: "DELETE", path: "/api/v1/lockouts", access: "users:write", summary: "Lift a lockout (?username=&ip=)" },
  { method: "GET", path: "/api/v1/settings", access: "authenticated", summary: "Token lifetime, lockout and token policy" },
  { method: "PATCH", path: "/api/v1/settings", access: "settings:write", summary: "Change settings (e.g. tokenTtlSeconds)", body: settingsPatch },
  { method: "GET", path: "/api/v1/registries", access: "registries:read", summary: "Configured registries" },
  { method: "POST", path: "/api/v1/registries", access: "registries:write", summary: "Add a registry", body: registryInput },
  { method: "GET", path: "/api/v1/registries/{name}", access: "registries:read", summary: "One registry" },
  { method: "PATCH", path: "/api/v1/registries/{name}", access: "registries:write", summary: "Change URL, service, auth mode, private-network access", body: registryPatch },
  { method: "DELETE", path: "/api/v1/registries/{name}", access: "registries:write", summary: "Remove a registry" },
  { method: "POST", path: "/api/v1/registries/{name}/check", access: "registries:check", summary: "Probe reachability, API, auth challenge, TLS and CORS, with fixes" },
  { method: "GET", path: "/api/v1/registries/{name}/config", access: "registries:write", summary: "config.yml sections and a full minimal config (?mode=token|htpasswd)" },
  { method: "GET", path: "/api/v1/browse/{registry}/repositories", access: "authenticated", summary: "Repositories you may pull (q, last, n)" },
  { method: "GET", path: "/api/v1/browse/{registry}/tags", access: "authenticated", summary: "A repository's tags with digest, size, created, platforms (repository, last, n)" },
  { method: "GET", path: "/api/v1/browse/{registry}/manifest", access: "authenticated", summary: "A manifest or index with its config (repository, reference)" },
  { method: "GET", path: "/api/v1/browse/{registry}/delete-preview", access: "authenticated", summary: "The tags deleting this one takes with it (repository, tag)" },
  { method: "GET", path: "/api/v1/browse/{registry}/direct", access: "authenticated", summary: "Direct mode: whether the registry's CORS admits this console, with the fix" },
  { method: "GET", path: "/api/v1/browse/{registry}/token", access: "authenticated", summary: "Direct mode: a one-minute registry token with your pull rights (repository)" },
  { method: "POST", path: "/api/v1/browse/{registry}/delete", access: "authenticated", summary: "Delete a manifest by digest (delete grant)", body: deleteInput },
  { method: "POST", path: "/api/v1/htpasswd", access: "registries:write", summary: "Generate the htpasswd file; new credentials answered once", body: htpasswdInput },
  { method: "GET", path: "/api/v1/policies/{format}", access: "grants:read", summary: "Export grants: docker-auth (ACL YAML) or zot (accessControl JSON)" },
  { method: "POST", path: "/api/v1/policies/{format}/import", access: "grants:write", summary: "Preview or apply a policy file as the grants", body: policyImportInput },
  { method: "GET", path: "/api/v1/signing-keys", access: "registries:read", summary: "Token-signing keys" },
  { method: "POST", path: "/api/v1/signing-keys", access: "keys:write", summary: "Rotate: step prepare, then activate" },
];

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of API_ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
      summary: r.summary,
      description: `Requires: ${r.access}`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) } } } } : {}),
      responses: {
        "2XX": { description: "Success" },
        default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Portcullis automation API", version: "1" },
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
          properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } },
        },
      },
    },
    paths,
  };
}
