import { isRepositoryName, matchesPattern } from "./names";
import { formatScope, type Scope } from "./scope";

/**
 * The one access decision, used by the token endpoint, the console's simulator and the browser.
 * Pure: plain data in, plain data out. Fails closed: whatever no rule grants is denied.
 */
export const REPOSITORY_ACTIONS = ["pull", "push", "delete"] as const;
export type RepositoryAction = (typeof REPOSITORY_ACTIONS)[number];

export type SubjectKind = "user" | "team" | "service_account" | "public";

export interface GrantRule {
  id: string;
  repository: string;
  /** pull | push | delete, or "*" for all of them. */
  actions: readonly string[];
  via: { type: SubjectKind; name: string };
  /** Epoch ms at which the grant lapses (absent: never); lapsed rules are never loaded. */
  expiresAt?: number;
  /** The `service` of the one registry the rule applies to (absent: every registry). */
  registry?: string;
}

export interface TokenScopeRule {
  repository: string;
  actions: readonly string[];
}

export interface Principal {
  kind: "user" | "service_account" | "anonymous";
  name: string;
  admin: boolean;
  /** Every rule that applies to the principal: own, teams', and public ones. */
  rules: readonly GrantRule[];
  /** A personal access token's narrowing; undefined when the credential is not scoped. */
  tokenScopes?: readonly TokenScopeRule[];
}

export type DenyReason =
  "no_grant" | "token_scope" | "invalid_name" | "unsupported_type" | "unknown_action" | "malformed_scope";

export interface ActionTrace {
  action: string;
  granted: boolean;
  /** Why it was granted ("admin", "grant") or denied. */
  reason: "admin" | "grant" | DenyReason;
  /** The grant that allowed it. */
  rule?: GrantRule;
}

export interface ScopeDecision {
  scope: Scope;
  actions: ActionTrace[];
}

export interface AccessEntry {
  type: string;
  class?: string;
  name: string;
  actions: string[];
}

const KNOWN = new Set<string>([...REPOSITORY_ACTIONS, "*"]);

function ruleAllows(rule: { repository: string; actions: readonly string[] }, name: string, action: string) {
  return (rule.actions.includes(action) || rule.actions.includes("*")) && matchesPattern(rule.repository, name);
}

/** A registry-bound rule counts only at its registry; without a service, only rules for every registry count. */
function appliesAt(rule: GrantRule, service: string | undefined): boolean {
  return rule.registry === undefined || rule.registry === service;
}

function decideRepositoryAction(p: Principal, name: string, action: string, service: string | undefined): ActionTrace {
  if (!KNOWN.has(action)) return { action, granted: false, reason: "unknown_action" };
  if (action === "*") {
    // "*" asked on a repository means every action: grant it only if each one is granted.
    const parts = REPOSITORY_ACTIONS.map((a) => decideRepositoryAction(p, name, a, service));
    const denied = parts.find((t) => !t.granted);
    return denied ? { action, granted: false, reason: denied.reason } : { ...parts[0], action };
  }
  if (p.admin) return narrow(p, name, { action, granted: true, reason: "admin" });
  const rule = p.rules.find((r) => appliesAt(r, service) && ruleAllows(r, name, action));
  if (!rule) return { action, granted: false, reason: "no_grant" };
  return narrow(p, name, { action, granted: true, reason: "grant", rule });
}

/** A scoped token never reaches beyond its scopes, whatever its owner may do. */
function narrow(p: Principal, name: string, t: ActionTrace): ActionTrace {
  if (!p.tokenScopes) return t;
  const inScope = p.tokenScopes.some((s) => ruleAllows(s, name, t.action));
  return inScope ? t : { action: t.action, granted: false, reason: "token_scope" };
}

function decideScope(p: Principal, scope: Scope, service: string | undefined): ScopeDecision {
  const deny = (reason: DenyReason) => ({
    scope,
    actions: scope.actions.map((action) => ({ action, granted: false, reason })),
  });
  if (scope.type === "repository") {
    if (!isRepositoryName(scope.name)) return deny("invalid_name");
    return { scope, actions: scope.actions.map((a) => decideRepositoryAction(p, scope.name, a, service)) };
  }
  if (scope.type === "registry" && scope.name === "catalog" && !scope.class) {
    // Listing every repository name: admins, and whoever may pull everything ("*").
    return {
      scope,
      actions: scope.actions.map((action): ActionTrace => {
        if (action !== "*") return { action, granted: false, reason: "unknown_action" };
        if (p.admin) return narrowCatalog(p, { action, granted: true, reason: "admin" });
        const rule = p.rules.find(
          (r) =>
            appliesAt(r, service) && r.repository === "*" && (r.actions.includes("pull") || r.actions.includes("*")),
        );
        if (!rule) return { action, granted: false, reason: "no_grant" };
        return narrowCatalog(p, { action, granted: true, reason: "grant", rule });
      }),
    };
  }
  return deny("unsupported_type");
}

function narrowCatalog(p: Principal, t: ActionTrace): ActionTrace {
  if (!p.tokenScopes) return t;
  const ok = p.tokenScopes.some((s) => s.repository === "*" && (s.actions.includes("pull") || s.actions.includes("*")));
  return ok ? t : { action: t.action, granted: false, reason: "token_scope" };
}

/**
 * authorize(principal, requested, service) → per-scope traces and the `access` claim: exactly the
 * granted subset, with an empty action list for a scope that is wholly denied (the registry then
 * answers `denied`, which is what an authenticated but unauthorised client should see). `service`
 * is the registry asking: a rule bound to another registry does not count there.
 */
export function authorize(
  p: Principal,
  requested: readonly Scope[],
  service?: string,
): { decisions: ScopeDecision[]; access: AccessEntry[] } {
  const decisions = requested.map((s) => decideScope(p, s, service));
  const access = decisions.map(({ scope, actions }) => ({
    type: scope.type,
    ...(scope.class ? { class: scope.class } : {}),
    name: scope.name,
    actions: actions.filter((a) => a.granted).map((a) => a.action),
  }));
  return { decisions, access };
}

/** The repository patterns and actions a principal reaches (for "who can do what" views). */
export function summarizeRules(rules: readonly GrantRule[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rules) {
    const set = out.get(r.repository) ?? new Set<string>();
    for (const a of r.actions) {
      if (a === "*") REPOSITORY_ACTIONS.forEach((x) => set.add(x));
      else set.add(a);
    }
    out.set(r.repository, set);
  }
  return out;
}

/** Decisions as the audit log and the simulator show them: granted, denied with reasons, and the rules used. */
export function explainDecisions(decisions: readonly ScopeDecision[]) {
  return decisions.map((d) => ({
    scope: formatScope(d.scope),
    granted: d.actions.filter((a) => a.granted).map((a) => a.action),
    denied: d.actions.filter((a) => !a.granted).map((a) => ({ action: a.action, reason: a.reason })),
    rules: d.actions
      .filter((a) => a.rule)
      .map((a) => ({
        action: a.action,
        grant: a.rule!.id,
        repository: a.rule!.repository,
        via: a.rule!.via,
        ...(a.rule!.registry ? { registry: a.rule!.registry } : {}),
      })),
  }));
}
