/**
 * Every kind of event the audit log records: the filterable list auditors see. A new kind of
 * change adds its name here (the type checker then accepts it everywhere).
 */
export const AUDIT_ACTIONS = [
  "token.issue",
  "session.sign_in",
  "session.sso_ended",
  "registry.push",
  "registry.pull",
  "registry.mount",
  "registry.delete",
  "registry.delete_manifest",
  "user.create",
  "user.update",
  "user.delete",
  "user.password_reset",
  "user.password_change",
  "user.password_set",
  "user.password_link",
  "user.revoke_everything",
  "team.create",
  "team.update",
  "team.delete",
  "team.member_add",
  "team.member_remove",
  "team.member_role",
  "team.namespace_add",
  "team.namespace_remove",
  "service_account.create",
  "service_account.update",
  "service_account.delete",
  "grant.create",
  "grant.delete",
  "grant.expire",
  "grants.import",
  "access_request.create",
  "access_request.withdraw",
  "access_request.approve",
  "access_request.deny",
  "access_request.expire",
  "token.create",
  "token.rotate",
  "token.revoke",
  "refresh_token.revoke",
  "device.request",
  "device.approve",
  "device.deny",
  "device.redeem",
  "registry.create",
  "registry.update",
  "htpasswd.generate",
  "signing_key.create",
  "signing_key.prepare",
  "signing_key.activate",
  "settings.update",
  "lockout.lift",
  "audit.retention",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audit record as written. Every field but action/outcome/actorKind is optional. */
export interface AuditInput {
  time?: Date;
  actorId?: string | null;
  actorName?: string | null;
  actorKind: "user" | "service_account" | "anonymous" | "registry" | "system";
  credential?: string | null;
  action: AuditAction;
  outcome: "granted" | "partial" | "denied" | "success" | "failure";
  reason?: string | null;
  repository?: string | null;
  tag?: string | null;
  digest?: string | null;
  requested?: unknown;
  granted?: unknown;
  details?: unknown;
  clientIp?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  externalId?: string | null;
}

/** Who did it and from where: the part every console/API change shares. */
export interface AuditActor {
  actorId: string | null;
  actorName: string | null;
  actorKind: AuditInput["actorKind"];
  credential?: string | null;
  clientIp?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** The fields of an event that its hash covers, in order (the id and the chain's own hashes aside). */
export const HASHED_FIELDS = [
  "time",
  "actorId",
  "actorName",
  "actorKind",
  "credential",
  "action",
  "outcome",
  "reason",
  "repository",
  "tag",
  "digest",
  "requested",
  "granted",
  "details",
  "clientIp",
  "userAgent",
  "requestId",
  "externalId",
] as const;
