import type { Caller } from "../auth/caller";
import { describeCredential } from "../auth/credentials";
import type { AuditActor } from "./types";

/** Where a change came from, as the transport saw it (all optional: a test or a job has none). */
export interface RequestFacts {
  clientIp?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** The audit actor for a caller: who, with which credential, and from where. */
export function actorOf(caller: Caller, facts: RequestFacts = {}): AuditActor {
  return {
    actorId: caller.id,
    actorName: caller.name,
    actorKind: caller.kind,
    credential: caller.via === "session" ? "session" : describeCredential(caller.credential),
    clientIp: facts.clientIp ?? null,
    userAgent: facts.userAgent?.slice(0, 300) ?? null,
    requestId: facts.requestId ?? null,
  };
}
