/**
 * Which credential is behind something a registry did. A registry's notification names the
 * token's subject, the repository and the action, but not the token (distribution does not pass
 * the JWT id on), so the event is joined to the token decisions that could have authorised it:
 * the same subject and registry, granted that action on that repository, recorded before the
 * event and no longer ago than a token lives. One credential among them: that one. Several: the
 * client address narrows them when it can; otherwise all are candidates, newest first.
 */

export interface CandidateDecision {
  /** The token.issue event's id. */
  id: string;
  time: string;
  credential: string | null;
  clientIp: string | null;
  /** The JWT's access claim as recorded. */
  granted: unknown;
}

export interface RegistryAct {
  action: string;
  repository: string | null;
  clientIp: string | null;
}

export type Attribution =
  | { kind: "one"; credential: string; decision: string; byAddress: boolean }
  | { kind: "several"; candidates: { credential: string; decision: string; time: string }[] }
  | { kind: "none" };

/** The token action a registry event needed ("registry.mount" is a push into the target). */
export function neededAction(action: string): string | null {
  switch (action) {
    case "registry.push":
    case "registry.mount":
      return "push";
    case "registry.pull":
      return "pull";
    case "registry.delete":
    case "registry.delete_manifest":
      return "delete";
    default:
      return null;
  }
}

/** The decision's access claim grants `action` on `repository` ("*" grants every action). */
export function grantsAction(granted: unknown, repository: string, action: string): boolean {
  if (!Array.isArray(granted)) return false;
  return granted.some((g: unknown) => {
    if (typeof g !== "object" || g === null) return false;
    const { type, name, actions } = g as { type?: unknown; name?: unknown; actions?: unknown };
    return (
      type === "repository" &&
      name === repository &&
      Array.isArray(actions) &&
      (actions.includes(action) || actions.includes("*"))
    );
  });
}

/** The credentials of `decisions` (newest first) that could be behind `act`. */
export function attribute(act: RegistryAct, decisions: readonly CandidateDecision[]): Attribution {
  const needed = neededAction(act.action);
  if (!needed || !act.repository) return { kind: "none" };
  const fitting = decisions.filter((d) => d.credential && grantsAction(d.granted, act.repository!, needed));
  const newestPer = (ds: readonly CandidateDecision[]) => {
    const seen = new Map<string, CandidateDecision>();
    for (const d of ds) if (!seen.has(d.credential!)) seen.set(d.credential!, d);
    return [...seen.values()];
  };
  const all = newestPer(fitting);
  if (all.length === 0) return { kind: "none" };
  if (all.length === 1) return { kind: "one", credential: all[0].credential!, decision: all[0].id, byAddress: false };
  const sameAddress = act.clientIp ? newestPer(fitting.filter((d) => d.clientIp === act.clientIp)) : [];
  if (sameAddress.length === 1)
    return { kind: "one", credential: sameAddress[0].credential!, decision: sameAddress[0].id, byAddress: true };
  return {
    kind: "several",
    candidates: all.map((d) => ({ credential: d.credential!, decision: d.id, time: d.time })),
  };
}
