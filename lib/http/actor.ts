import type { AuditActor } from "../audit/types";
import { describeCredential } from "../auth/credentials";
import type { Caller } from "./caller";
import { requestIp } from "./client-info";

/** The audit actor for an API or server-action caller. */
export function actorOf(caller: Caller, req?: Request, requestId?: string): AuditActor {
  return {
    actorId: caller.id,
    actorName: caller.name,
    actorKind: caller.kind,
    credential: caller.via === "session" ? "session" : describeCredential(caller.credential),
    clientIp: req ? requestIp(req) : null,
    userAgent: req?.headers.get("user-agent")?.slice(0, 300) ?? null,
    requestId: requestId ?? null,
  };
}
