/** One audit record as written. Every field but action/outcome/actorKind is optional. */
export interface AuditInput {
  time?: Date;
  actorId?: string | null;
  actorName?: string | null;
  actorKind: "user" | "service_account" | "anonymous" | "registry" | "system";
  credential?: string | null;
  action: string;
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
