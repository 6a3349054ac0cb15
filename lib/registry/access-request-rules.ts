import type { GrantRule } from "./authorize";
import { patternCovers } from "./names";

/**
 * The rules of access requests, pure: what a person already has, which pending request already
 * asks for the same, and what an approval may change (it may only narrow what was asked).
 */
export interface Ask {
  repository: string;
  actions: readonly string[];
}

/** For each asked action, the rule that already gives it on the whole of `ask.repository` (or "admin"). */
export function alreadyGranted(
  rules: readonly GrantRule[],
  admin: boolean,
  ask: Ask,
): { action: string; by: GrantRule | "admin" }[] {
  const out: { action: string; by: GrantRule | "admin" }[] = [];
  for (const action of ask.actions) {
    if (admin) {
      out.push({ action, by: "admin" });
      continue;
    }
    const rule = rules.find(
      (r) => (r.actions.includes(action) || r.actions.includes("*")) && patternCovers(r.repository, ask.repository),
    );
    if (rule) out.push({ action, by: rule });
  }
  return out;
}

/** The refusal of a request for what the person already has, naming where it comes from; null if something is missing. */
export function satisfiedMessage(rules: readonly GrantRule[], admin: boolean, ask: Ask): string | null {
  const have = alreadyGranted(rules, admin, ask);
  if (have.length === 0) return null;
  const missing = ask.actions.filter((a) => !have.some((h) => h.action === a));
  const held = have
    .map((h) =>
      h.by === "admin"
        ? `${h.action} (you are an administrator)`
        : `${h.action} (through ${h.by.via.type === "public" ? "public access" : `the ${h.by.via.type.replace("_", " ")} grant`} on ${h.by.repository})`,
    )
    .join(", ");
  return missing.length === 0
    ? `you already have ${held} on ${ask.repository}: nothing to request`
    : `you already have ${held} on ${ask.repository}: request only ${missing.join(", ")}`;
}

/** A pending request of the same person that already asks for all of `ask` (same or wider pattern). */
export function duplicateOf<T extends Ask>(pending: readonly T[], ask: Ask): T | undefined {
  return pending.find(
    (p) => patternCovers(p.repository, ask.repository) && ask.actions.every((a) => p.actions.includes(a)),
  );
}

/** Why an approval is not a narrowing of the request (a pattern inside, a subset of the actions), or null. */
export function approvalOverreach(asked: Ask, approved: Ask): string | null {
  if (!patternCovers(asked.repository, approved.repository))
    return `an approval may narrow the request, not widen it: ${approved.repository} reaches beyond ${asked.repository}`;
  const extra = approved.actions.filter((a) => !asked.actions.includes(a));
  if (extra.length)
    return `an approval may narrow the request, not widen it: ${extra.join(", ")} was not asked for (asked: ${asked.actions.join(", ")})`;
  return null;
}
