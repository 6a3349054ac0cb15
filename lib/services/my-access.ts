import { explainRefusal } from "../audit/explain-denial";
import type { Caller } from "../auth/caller";
import { listRefusalsOf } from "../db/audit-events";
import { forbidden } from "../errors";
import { userReach } from "./access";

const person = (caller: Caller) => {
  if (caller.kind !== "user") throw forbidden("service accounts have no personal access page");
  return caller;
};

/** What I can pull, push and delete, and through which grant, team or role. */
export function myAccess(caller: Caller) {
  return userReach(person(caller).name);
}

/** My own recent refusals, each explained with its fix. Only ever the caller's own records. */
export async function myRefusals(caller: Caller, limit: number) {
  const rows = await listRefusalsOf(person(caller).name, limit);
  return {
    refusals: rows.map((r) => ({
      id: r.id,
      time: r.time,
      action: r.action,
      outcome: r.outcome,
      repository: r.repository,
      clientIp: r.clientIp,
      explanations: explainRefusal(r),
    })),
  };
}
