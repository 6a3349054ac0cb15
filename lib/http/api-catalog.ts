import { z } from "zod";
import { ANY_CREDENTIAL, PERSON_CREDENTIALS, type CredentialKind } from "../auth/authority";
import type { Permission } from "../auth/permissions";
import { policyFormatIds } from "../registry/policy-formats";
import {
  reachView,
  refusalsQuery,
  refusalsView,
  repositoryQuery,
  signedInClientsView,
  signedOut,
  simulateInput,
  simulationView,
  whoCanView,
} from "../validation/access";
import {
  activityQuery,
  activityView,
  auditCount,
  auditEventView,
  auditFilterQuery,
  auditPage,
  auditQuery,
  chainReportView,
  checkpointView,
  exportQuery,
  retentionView,
  tagHistoryQuery,
  tagHistoryView,
  topDeniedView,
  verifyInput,
} from "../validation/audit";
import {
  browserTokenView,
  browseTokenQuery,
  deleteInput,
  deletePreviewQuery,
  deletePreviewView,
  directModeView,
  manifestDeleted,
  manifestQuery,
  manifestView,
  repositoriesQuery,
  repositoryPage,
  tagPage,
  tagsQuery,
} from "../validation/browse";
import {
  accessRequestList,
  accessRequestView,
  approveAccessRequestInput,
  createAccessRequestInput,
  denyAccessRequestInput,
  listAccessRequestsQuery,
  myAccessRequestsQuery,
} from "../validation/access-request";
import { savedViewInput, savedViewList, savedViewView } from "../validation/saved-view";
import { accessConfigApplied, applyAccessConfigInput } from "../validation/access-config";
import { createGrantInput, grantList, grantView, listGrantsQuery } from "../validation/grant";
import {
  configQuery,
  htpasswdInput,
  htpasswdView,
  keyRotated,
  notificationsReceived,
  policyExportQuery,
  policyImportInput,
  policyImportView,
  registryCheckView,
  registryConfigView,
  registryInput,
  registryList,
  registryPatch,
  registryView,
  rotateKeyInput,
  signingKeyList,
} from "../validation/registry";
import { diagnoseInput, diagnosisView } from "../validation/diagnose";
import { approveDeviceInput, deviceRequestView, userCodeParam } from "../validation/device";
import { directoryCheckInput, directoryCheckView, directoryView } from "../validation/directory";
import { settingsPatch, settingsView } from "../validation/settings";
import {
  createServiceAccountInput,
  listServiceAccountsQuery,
  listTeamsQuery,
  createTeamInput,
  memberRoleInput,
  membershipView,
  namespaceInput,
  namespaceView,
  serviceAccountDetail,
  serviceAccountList,
  serviceAccountView,
  teamDetail,
  teamList,
  teamMemberInput,
  teamView,
  updateServiceAccountInput,
  updateTeamInput,
} from "../validation/team";
import {
  createTokenInput,
  listTokensQuery,
  rotateTokenInput,
  tokenList,
  tokenView,
  tokenWithSecret,
} from "../validation/token";
import {
  changePasswordInput,
  createdUserView,
  createUserInput,
  credentialsHeldView,
  liftLockoutQuery,
  listUsersQuery,
  lockoutLifted,
  lockoutList,
  meView,
  passwordChanged,
  passwordSetupDone,
  passwordSetupInput,
  revokedEverything,
  revokeEverythingInput,
  setupLinkView,
  updateUserInput,
  userList,
  userView,
} from "../validation/user";

/** Path parameters: every `{name}` is a non-empty string unless the route's `params` says more. */
export const plainParam = z.string().min(1).max(255);
const uuidId = z.object({ id: z.uuid() });
const eventId = z.object({ id: z.string().regex(/^\d{1,18}$/, "an event id") });
const policyFormat = z.object({ format: z.enum(policyFormatIds() as [string, ...string[]]) });

/** "authenticated": any caller the route's credential kinds admit; "public": no credentials at all. */
export type Access = Permission | "authenticated" | "public";

/** One route as declared once: who may call it, with which credentials, and what it takes. */
export interface RouteSpec {
  access: Access;
  /**
   * Who else may call it without the role's permission: the maintainers of a team (or its members,
   * for reads) acting inside what the team owns. The handler then gets the caller's stewardship and
   * the service narrows to it (lib/auth/delegation.ts); what lies outside answers 404 or 403.
   */
  delegated?: "maintainer" | "member";
  /** The kinds of credential the route accepts (default: a person's session, password or unscoped token). */
  credentials?: readonly CredentialKind[];
  summary: string;
  /** Path parameters beyond a plain name (ids, enums); a value that does not fit is a 404. */
  params?: z.ZodObject;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The JSON answer: every success body is encoded through it (unknown keys dropped, Dates as ISO strings). */
  response?: z.ZodType;
  /** Routes that answer a file instead of JSON: its media types. */
  produces?: readonly string[];
  /** The largest JSON body accepted, in bytes (default 256 KiB). */
  maxBody?: number;
  /** 200 unless stated; a 201 names where the new resource lives. */
  status?: 201;
  /** The created resource's path: {field} filled from the answer, else from the request's path. */
  location?: string;
}

/**
 * Every automation API route, keyed "METHOD /path": the one declaration a route file mounts
 * (`route("POST /api/v1/tokens", …)`), the source of the OpenAPI document and of the
 * route x role x credential test matrix, so a route cannot be left out of any of them.
 */
export const API = {
  "GET /api/v1/me": {
    access: "authenticated",
    credentials: ANY_CREDENTIAL,
    summary: "Who the credentials belong to",
    response: meView,
  },
  "GET /api/v1/users": {
    access: "users:read",
    summary: "List users (search, role, disabled, page, pageSize)",
    query: listUsersQuery,
    response: userList,
  },
  "POST /api/v1/users": {
    access: "users:write",
    summary: "Create a user",
    body: createUserInput,
    response: createdUserView,
    status: 201,
    location: "/api/v1/users/{username}",
  },
  "GET /api/v1/users/{username}": { access: "users:read", summary: "One user", response: userView },
  "PATCH /api/v1/users/{username}": {
    access: "users:write",
    summary: "Change role, email, name, disabled, password",
    body: updateUserInput,
    response: userView,
  },
  "DELETE /api/v1/users/{username}": {
    access: "users:write",
    summary: "Delete a user (tokens go, audit history stays)",
    response: userView,
  },
  "POST /api/v1/users/{username}/password-link": {
    access: "users:write",
    summary: "A one-time set-password link for the user (72 h)",
    response: setupLinkView,
  },
  "POST /api/v1/password-setup": {
    access: "public",
    summary: "Set your password with a one-time link's token",
    body: passwordSetupInput,
    response: passwordSetupDone,
  },
  "GET /api/v1/users/{username}/credentials": {
    access: "users:read",
    summary: "What revoke-everything would revoke",
    response: credentialsHeldView,
  },
  "POST /api/v1/users/{username}/revoke-everything": {
    access: "users:write",
    summary: "Revoke sessions, tokens and created robot tokens (your password confirms)",
    body: revokeEverythingInput,
    response: revokedEverything,
  },
  "GET /api/v1/users/{username}/signed-in-clients": {
    access: "users:read",
    summary: "Where a person is signed in with docker login (registry clients holding a refresh token)",
    response: signedInClientsView,
  },
  "DELETE /api/v1/users/{username}/signed-in-clients": {
    access: "users:write",
    summary: "Sign every registry client of a person out",
    response: signedOut,
  },
  "DELETE /api/v1/users/{username}/signed-in-clients/{id}": {
    params: z.object({ username: plainParam, id: z.uuid() }),
    access: "users:write",
    summary: "Sign one registry client of a person out",
    response: signedOut,
  },
  "GET /api/v1/me/access": {
    access: "authenticated",
    summary: "What you may pull, push and delete, and through which grant, team or role",
    response: reachView,
  },
  "GET /api/v1/me/refusals": {
    access: "authenticated",
    summary: "Your own recent denied token requests and failed sign-ins, each explained with its fix (limit)",
    query: refusalsQuery,
    response: refusalsView,
  },
  "GET /api/v1/me/access-requests": {
    access: "authenticated",
    summary: "Your own access requests, newest first, with their answers (cursor, limit)",
    query: myAccessRequestsQuery,
    response: accessRequestList,
  },
  "POST /api/v1/me/access-requests": {
    access: "authenticated",
    summary: "Ask for pull/push/delete on a repository or pattern, with a reason; an administrator answers",
    body: createAccessRequestInput,
    response: accessRequestView,
    status: 201,
    location: "/api/v1/me/access-requests/{id}",
  },
  "GET /api/v1/me/access-requests/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "One of your access requests and its answer",
    response: accessRequestView,
  },
  "DELETE /api/v1/me/access-requests/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "Withdraw one of your pending access requests",
    response: accessRequestView,
  },
  "GET /api/v1/me/saved-views": {
    access: "authenticated",
    summary: "Your saved audit filters (name and the audit page's query string)",
    response: savedViewList,
  },
  "POST /api/v1/me/saved-views": {
    access: "authenticated",
    summary: "Save an audit filter under a name (the audit page's query string, checked as a filter)",
    body: savedViewInput,
    response: savedViewView,
    status: 201,
    location: "/api/v1/me/saved-views/{id}",
  },
  "DELETE /api/v1/me/saved-views/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "Delete one of your saved audit filters",
    response: savedViewView,
  },
  "GET /api/v1/me/signed-in-clients": {
    access: "authenticated",
    summary: "Where you are signed in with docker login (registry clients holding a refresh token)",
    response: signedInClientsView,
  },
  "DELETE /api/v1/me/signed-in-clients": {
    access: "authenticated",
    summary: "Sign every registry client of yours out (they must docker login again)",
    response: signedOut,
  },
  "DELETE /api/v1/me/signed-in-clients/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "Sign one registry client of yours out",
    response: signedOut,
  },
  "GET /api/v1/me/devices/{code}": {
    params: userCodeParam,
    access: "authenticated",
    credentials: ["session"],
    summary: "A device asking to sign in with this code (RFC 8628): who asks, for which registry and scopes",
    response: deviceRequestView,
  },
  "POST /api/v1/me/devices/{code}/approve": {
    params: userCodeParam,
    access: "authenticated",
    credentials: ["session"],
    summary: "Sign the device in as you: all your access or chosen repositories and actions, for some days",
    body: approveDeviceInput,
    response: deviceRequestView,
  },
  "POST /api/v1/me/devices/{code}/deny": {
    params: userCodeParam,
    access: "authenticated",
    credentials: ["session"],
    summary: "Refuse a device's sign-in request",
    response: deviceRequestView,
  },
  "POST /api/v1/me/diagnose": {
    access: "authenticated",
    summary: "Paste a failed docker/podman/skopeo command's output: the cause and the exact fix for this installation",
    body: diagnoseInput,
    response: diagnosisView,
  },
  "POST /api/v1/me/password": {
    access: "authenticated",
    summary: "Change your own password (current one required)",
    body: changePasswordInput,
    response: passwordChanged,
  },
  "GET /api/v1/teams": {
    access: "teams:read",
    summary: "List teams (cursor, limit)",
    query: listTeamsQuery,
    response: teamList,
  },
  "POST /api/v1/teams": {
    access: "teams:write",
    summary: "Create a team",
    body: createTeamInput,
    response: teamView,
    status: 201,
    location: "/api/v1/teams/{name}",
  },
  "GET /api/v1/teams/{name}": {
    access: "teams:read",
    delegated: "member",
    summary: "A team with its members (and their roles), namespaces, service accounts and grants",
    response: teamDetail,
  },
  "PATCH /api/v1/teams/{name}": {
    access: "teams:write",
    summary: "Rename or describe a team",
    body: updateTeamInput,
    response: teamView,
  },
  "DELETE /api/v1/teams/{name}": { access: "teams:write", summary: "Delete a team", response: teamView },
  "POST /api/v1/teams/{name}/members": {
    access: "teams:write",
    delegated: "maintainer",
    summary: "Add a member (role: member or maintainer)",
    body: teamMemberInput,
    response: membershipView,
    status: 201,
    location: "/api/v1/teams/{team}",
  },
  "PATCH /api/v1/teams/{name}/members/{username}": {
    access: "teams:write",
    delegated: "maintainer",
    summary: "Make a member a maintainer, or a maintainer a member",
    body: memberRoleInput,
    response: membershipView,
  },
  "DELETE /api/v1/teams/{name}/members/{username}": {
    access: "teams:write",
    delegated: "maintainer",
    summary: "Remove a member",
    response: membershipView,
  },
  "POST /api/v1/teams/{name}/namespaces": {
    access: "teams:write",
    summary: "Give the team a repository namespace (a pattern, on one registry or all): its maintainers run it",
    body: namespaceInput,
    response: namespaceView,
    status: 201,
    location: "/api/v1/teams/{name}",
  },
  "DELETE /api/v1/teams/{name}/namespaces/{id}": {
    params: uuidId,
    access: "teams:write",
    summary: "Take a namespace back from the team",
    response: namespaceView,
  },
  "GET /api/v1/service-accounts": {
    access: "service_accounts:read",
    delegated: "maintainer",
    summary: "List service accounts (cursor, limit)",
    query: listServiceAccountsQuery,
    response: serviceAccountList,
  },
  "POST /api/v1/service-accounts": {
    access: "service_accounts:write",
    delegated: "maintainer",
    summary: "Create a service account",
    body: createServiceAccountInput,
    response: serviceAccountView,
    status: 201,
    location: "/api/v1/service-accounts/{name}",
  },
  "GET /api/v1/service-accounts/{name}": {
    access: "service_accounts:read",
    delegated: "maintainer",
    summary: "A service account with grants and tokens",
    response: serviceAccountDetail,
  },
  "PATCH /api/v1/service-accounts/{name}": {
    access: "service_accounts:write",
    delegated: "maintainer",
    summary: "Describe, disable or enable",
    body: updateServiceAccountInput,
    response: serviceAccountView,
  },
  "DELETE /api/v1/service-accounts/{name}": {
    access: "service_accounts:write",
    delegated: "maintainer",
    summary: "Delete a service account",
    response: serviceAccountView,
  },
  "GET /api/v1/grants": {
    access: "grants:read",
    delegated: "maintainer",
    summary: "List grants (repository, subject filters)",
    query: listGrantsQuery,
    response: grantList,
  },
  "POST /api/v1/grants": {
    access: "grants:write",
    delegated: "maintainer",
    summary: "Grant a subject actions on a repository or pattern",
    body: createGrantInput,
    response: grantView,
    status: 201,
    location: "/api/v1/grants/{id}",
  },
  "GET /api/v1/grants/{id}": {
    params: uuidId,
    access: "grants:read",
    delegated: "maintainer",
    summary: "One grant",
    response: grantView,
  },
  "DELETE /api/v1/grants/{id}": {
    params: uuidId,
    access: "grants:write",
    delegated: "maintainer",
    summary: "Revoke a grant",
    response: grantView,
  },
  "GET /api/v1/access-config": {
    access: "users:read",
    summary: "The whole access configuration as one YAML document (portcullis export): no secrets, canonical",
    produces: ["text/yaml"],
  },
  "POST /api/v1/access-config/apply": {
    access: "settings:write",
    summary:
      "Apply an access configuration document (portcullis apply): the exact diff, all or nothing (dryRun, prune)",
    body: applyAccessConfigInput,
    maxBody: 4 * 1024 * 1024,
    response: accessConfigApplied,
  },
  "GET /api/v1/access-requests": {
    access: "grants:read",
    delegated: "maintainer",
    summary: "Access requests by status (default pending; cursor, limit)",
    query: listAccessRequestsQuery,
    response: accessRequestList,
  },
  "GET /api/v1/access-requests/{id}": {
    params: uuidId,
    access: "grants:read",
    delegated: "maintainer",
    summary: "One access request",
    response: accessRequestView,
  },
  "POST /api/v1/access-requests/{id}/approve": {
    params: uuidId,
    access: "grants:write",
    delegated: "maintainer",
    summary: "Approve: grant what was asked or less (pattern, actions), optionally until a time, in one audited step",
    body: approveAccessRequestInput,
    response: accessRequestView,
  },
  "POST /api/v1/access-requests/{id}/deny": {
    params: uuidId,
    access: "grants:write",
    delegated: "maintainer",
    summary: "Deny with a note the requester reads",
    body: denyAccessRequestInput,
    response: accessRequestView,
  },
  "POST /api/v1/access/simulate": {
    access: "grants:read",
    summary: "Why was this denied? The token endpoint's decision with its trace",
    body: simulateInput,
    response: simulationView,
  },
  "GET /api/v1/access/repository": {
    access: "grants:read",
    summary: "Who can pull/push/delete a repository (?name=) and why",
    query: repositoryQuery,
    response: whoCanView,
  },
  "GET /api/v1/access/users/{username}": {
    access: "grants:read",
    summary: "Every repository pattern a user reaches",
    response: reachView,
  },
  "GET /api/v1/tokens": {
    access: "authenticated",
    summary: "Your access tokens (?all=true: everyone's, admins and auditors)",
    query: listTokensQuery,
    response: tokenList,
  },
  "POST /api/v1/tokens": {
    access: "authenticated",
    summary: "Mint an access token; the secret is answered once as token",
    body: createTokenInput,
    response: tokenWithSecret,
    status: 201,
    location: "/api/v1/tokens/{id}",
  },
  "GET /api/v1/tokens/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "One of your tokens",
    response: tokenView,
  },
  "DELETE /api/v1/tokens/{id}": {
    params: uuidId,
    access: "authenticated",
    summary: "Revoke a token (yours; admins: anyone's)",
    response: tokenView,
  },
  "POST /api/v1/tokens/{id}/rotate": {
    params: uuidId,
    access: "authenticated",
    summary: "New secret, old one valid for graceHours",
    body: rotateTokenInput,
    response: tokenWithSecret,
  },
  "GET /api/v1/audit-events": {
    access: "audit:read",
    delegated: "maintainer",
    summary:
      "Audit events, newest first (from, to, actor, repository, prefix, tag, action, outcome, credential, q; cursor)",
    query: auditQuery,
    response: auditPage,
  },
  "GET /api/v1/audit-events/{id}": {
    params: eventId,
    access: "audit:read",
    delegated: "maintainer",
    summary: "One event with every field",
    response: auditEventView,
  },
  "GET /api/v1/audit-events/count": {
    access: "audit:read",
    delegated: "maintainer",
    summary: "How many events match the filter",
    query: auditFilterQuery,
    response: auditCount,
  },
  "GET /api/v1/audit-events/activity": {
    access: "audit:read",
    delegated: "maintainer",
    summary: "Pushes, pulls and denials per hour or day (bucket=hour|day)",
    query: activityQuery,
    response: activityView,
  },
  "GET /api/v1/audit-events/top-denied": {
    access: "audit:read",
    delegated: "maintainer",
    summary: "Most denied subjects and repositories",
    query: auditFilterQuery,
    response: topDeniedView,
  },
  "GET /api/v1/audit-events/export": {
    access: "audit:read",
    delegated: "maintainer",
    summary: "The filter as CSV or JSON lines (format=csv|jsonl), streamed",
    query: exportQuery,
    produces: ["text/csv", "application/x-ndjson"],
  },
  "GET /api/v1/audit-events/tags": {
    access: "audit:read",
    summary: "Tag history of a repository (overwrites flagged) and refused pushes",
    query: tagHistoryQuery,
    response: tagHistoryView,
  },
  "POST /api/v1/audit-events/verify": {
    access: "audit:read",
    summary:
      "Verify the hash chain (the first broken link) and the log against a signed checkpoint (yours, or the newest stored)",
    body: verifyInput,
    response: chainReportView,
  },
  "GET /api/v1/audit-events/checkpoint": {
    access: "audit:read",
    summary:
      "The newest signed checkpoint of the chain's head (JWS; verify with certs.pem): keep it to detect a cut or rewritten tail later",
    response: checkpointView,
  },
  "POST /api/v1/audit-events/retention": {
    access: "settings:write",
    summary: "Apply the retention setting now",
    response: retentionView,
  },
  "POST /api/registry/events": {
    access: "public",
    summary: "Registry notifications (?service=; Authorization: Bearer <the registry's secret>)",
    body: z.unknown(),
    response: notificationsReceived,
  },
  "GET /api/v1/lockouts": { access: "users:read", summary: "Current credential lockouts", response: lockoutList },
  "DELETE /api/v1/lockouts": {
    access: "users:write",
    summary: "Lift a lockout (?username=&ip=)",
    query: liftLockoutQuery,
    response: lockoutLifted,
  },
  "GET /api/v1/settings": {
    access: "authenticated",
    summary: "Token lifetime, lockout and token policy",
    response: settingsView,
  },
  "PATCH /api/v1/settings": {
    access: "settings:write",
    summary: "Change settings (e.g. tokenTtlSeconds)",
    body: settingsPatch,
    response: settingsView,
  },
  "GET /api/v1/settings/directory": {
    access: "settings:write",
    summary: "The company directory (LDAP) and single sign-on (OIDC) as configured by the environment, without secrets",
    response: directoryView,
  },
  "POST /api/v1/settings/directory/check": {
    access: "settings:write",
    summary:
      "Test the directory: connect, bind, find a person (optional username), read their groups; each step with its fix",
    body: directoryCheckInput,
    response: directoryCheckView,
  },
  "GET /api/v1/registries": { access: "registries:read", summary: "Configured registries", response: registryList },
  "POST /api/v1/registries": {
    access: "registries:write",
    summary: "Add a registry",
    body: registryInput,
    response: registryView,
    status: 201,
    location: "/api/v1/registries/{name}",
  },
  "GET /api/v1/registries/{name}": { access: "registries:read", summary: "One registry", response: registryView },
  "PATCH /api/v1/registries/{name}": {
    access: "registries:write",
    summary: "Change URL, service, auth mode, private-network access",
    body: registryPatch,
    response: registryView,
  },
  "DELETE /api/v1/registries/{name}": {
    access: "registries:write",
    summary: "Remove a registry",
    response: registryView,
  },
  "GET /api/v1/downloads/{file}": {
    access: "public",
    summary: "docker-credential-portcullis: the single executable for this server's platform, or the Node script",
    produces: ["application/octet-stream"],
  },
  "GET /api/v1/registries/{name}/ca.crt": {
    access: "public",
    summary: "The registry's CA certificate for clients (docker certs.d/<host>/ca.crt), when one is registered",
    produces: ["application/x-x509-ca-cert"],
  },
  "POST /api/v1/registries/{name}/check": {
    access: "registries:check",
    summary: "Probe reachability, API, auth challenge, TLS and CORS, with fixes",
    response: registryCheckView,
  },
  "GET /api/v1/registries/{name}/config": {
    access: "registries:write",
    summary: "config.yml sections and a full minimal config (?mode=token|htpasswd)",
    query: configQuery,
    response: registryConfigView,
  },
  "GET /api/v1/browse/{registry}/repositories": {
    access: "authenticated",
    summary: "Repositories you may pull (q, last, n)",
    query: repositoriesQuery,
    response: repositoryPage,
  },
  "GET /api/v1/browse/{registry}/tags": {
    access: "authenticated",
    summary: "A repository's tags with digest, size, created, platforms (repository, last, n)",
    query: tagsQuery,
    response: tagPage,
  },
  "GET /api/v1/browse/{registry}/manifest": {
    access: "authenticated",
    summary: "A manifest or index with its config (repository, reference)",
    query: manifestQuery,
    response: manifestView,
  },
  "GET /api/v1/browse/{registry}/delete-preview": {
    access: "authenticated",
    summary: "The tags deleting this one takes with it (repository, tag)",
    query: deletePreviewQuery,
    response: deletePreviewView,
  },
  "GET /api/v1/browse/{registry}/direct": {
    access: "authenticated",
    summary: "Direct mode: whether the registry's CORS admits this console, with the fix",
    response: directModeView,
  },
  "GET /api/v1/browse/{registry}/token": {
    access: "authenticated",
    summary: "Direct mode: a one-minute registry token with your pull rights (repository)",
    query: browseTokenQuery,
    response: browserTokenView,
  },
  "POST /api/v1/browse/{registry}/delete": {
    access: "authenticated",
    summary: "Delete a manifest by digest (delete grant)",
    body: deleteInput,
    response: manifestDeleted,
  },
  "POST /api/v1/htpasswd": {
    access: "registries:write",
    summary: "Generate the htpasswd file; new credentials answered once",
    body: htpasswdInput,
    response: htpasswdView,
  },
  "GET /api/v1/policies/{format}": {
    params: policyFormat,
    access: "grants:read",
    summary:
      "Export grants: docker-auth (ACL YAML) or zot (accessControl JSON); ?registry=NAME for what that registry enforces",
    query: policyExportQuery,
    produces: ["text/yaml", "application/json"],
  },
  "POST /api/v1/policies/{format}/import": {
    params: policyFormat,
    access: "grants:write",
    summary: "Preview or apply a policy file as the grants",
    body: policyImportInput,
    response: policyImportView,
  },
  "GET /api/v1/signing-keys": { access: "registries:read", summary: "Token-signing keys", response: signingKeyList },
  "POST /api/v1/signing-keys": {
    access: "keys:write",
    summary: "Rotate: step prepare, then activate",
    body: rotateKeyInput,
    response: keyRotated,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof API;

export interface ApiRoute extends RouteSpec {
  key: RouteKey;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  credentials: readonly CredentialKind[];
}

/** The credential kinds a route accepts, defaults applied. */
export const credentialsOf = (spec: RouteSpec): readonly CredentialKind[] => spec.credentials ?? PERSON_CREDENTIALS;

export const API_ROUTES: ApiRoute[] = (Object.entries(API) as [RouteKey, RouteSpec][]).map(([key, spec]) => {
  const [method, path] = key.split(" ") as [ApiRoute["method"], string];
  return { ...spec, key, method, path, credentials: credentialsOf(spec) };
});

/** What a 401 from the API offers: HTTP Basic (password or token) and Bearer access tokens. */
export const WWW_AUTHENTICATE_VALUE = 'Basic realm="portcullis", Bearer realm="portcullis"';
