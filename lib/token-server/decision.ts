import { bodyTemplate, type HoleValue } from "../audit/body-template";
import { describeCredential, type Credential, type Subject } from "../auth/credentials";
import { authorize, explainDecisions, type AccessEntry, type GrantRule, type Principal } from "../registry/authorize";
import { formatScope, parseScopes, type Scope } from "../registry/scope";

/** What one token request asks, beyond who asks it. */
export interface Asked {
  service: string;
  /** The scope parameters as sent. */
  scopes: readonly string[];
  form: "basic" | "oauth2";
  /** The account parameter, when it names someone else than the subject (kept in the record). */
  account?: string;
  /** The signing key's id, recorded with the decision. */
  kid: string;
}

/** What each issue of a decision has of its own, in its audit event. */
export type IssueValues = Record<"time" | "jti" | "clientIp" | "userAgent" | "requestId", HoleValue>;

export interface Decision {
  access: AccessEntry[];
  outcome: "granted" | "partial" | "denied";
  /** The first refusal's reason (or "malformed_scope", or "none"), for the metrics. */
  reason: string;
  /** The audit event of one issue, as auditBody would render it. */
  auditBody(values: IssueValues): string;
}

/**
 * The token endpoint's decision for a principal and a request: authorize(), its explanation and
 * its audit event (rendered once, with holes for each issue's own values). A CI job's pulls and
 * pushes repeat the same request with the same credential many times: the decision is kept on the
 * principal's rules, which stay the same array while the credential cache holds the credential
 * (lib/db/credential-lookup.ts toRules), so any change that drops the cached credential (a
 * revocation, a grant, a team change) drops what was kept with it, and a rule's expiry gives new
 * rules. The rest of what the decision depends on is its key.
 */
export function decide(
  principal: Principal,
  subject: Subject | null,
  credential: Credential | undefined,
  asked: Asked,
) {
  const key = JSON.stringify([
    principal.kind,
    principal.name,
    principal.admin,
    subject?.id ?? null,
    credential ? describeCredential(credential) : "none",
    asked.service,
    asked.form,
    asked.account ?? null,
    asked.kid,
    asked.scopes,
  ]);
  // An unusual request (hundreds of scopes) is decided afresh: what is kept stays small.
  if (key.length > MAX_KEY) return decideAfresh(principal, subject, credential, asked);
  let byKey = kept.get(principal.rules);
  if (!byKey) kept.set(principal.rules, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.tokenScopes === principal.tokenScopes) return hit.decision;
  const decision = decideAfresh(principal, subject, credential, asked);
  if (byKey.size >= MAX_PER_PRINCIPAL) byKey.clear();
  byKey.set(key, { tokenScopes: principal.tokenScopes, decision });
  return decision;
}

/** Different requests kept per principal: a job touches a few repositories, a person a few more. */
const MAX_PER_PRINCIPAL = 64;
const MAX_KEY = 4096;
const kept = new WeakMap<
  readonly GrantRule[],
  Map<string, { tokenScopes: Principal["tokenScopes"]; decision: Decision }>
>();

function decideAfresh(
  principal: Principal,
  subject: Subject | null,
  credential: Credential | undefined,
  asked: Asked,
): Decision {
  const { scopes, malformed } = parseScopes(asked.scopes);
  const { decisions, access } = authorize(principal, scopes, asked.service);
  const grantedCount = access.reduce((n, a) => n + a.actions.length, 0);
  const askedCount = scopes.reduce((n, s) => n + s.actions.length, 0) + malformed.length;
  const outcome = grantedCount === askedCount ? "granted" : grantedCount === 0 ? "denied" : "partial";
  const refusals = decisions.flatMap((d) =>
    d.actions.filter((a) => !a.granted).map((a) => ({ scope: d.scope.name, action: a.action, reason: a.reason })),
  );
  const auditBody = bodyTemplate(["jti", "clientIp", "userAgent", "requestId"], (hole) => ({
    actorId: subject?.id ?? null,
    actorName: subject?.name ?? null,
    actorKind: subject?.kind ?? "anonymous",
    credential: credential ? describeCredential(credential) : "none",
    action: "token.issue",
    outcome,
    reason:
      refusals
        .map((r) => `${r.scope}:${r.action}=${r.reason}`)
        .join(" ")
        .slice(0, 900) || null,
    ...askedFields(scopes),
    granted: access,
    clientIp: hole("clientIp"),
    userAgent: hole("userAgent"),
    requestId: hole("requestId"),
    details: {
      service: asked.service,
      form: asked.form,
      jti: hole("jti"),
      kid: asked.kid,
      decisions: explainDecisions(decisions),
      ...(malformed.length ? { malformed } : {}),
      ...(asked.account ? { account: asked.account.slice(0, 100) } : {}),
    },
  }));
  return {
    access,
    outcome,
    reason: refusals[0]?.reason ?? (malformed.length ? "malformed_scope" : "none"),
    auditBody,
  };
}

/** What a token.issue event says was asked, granted or not: the first repository, every scope. */
export function askedFields(scopes: readonly Scope[]) {
  return { repository: scopes.find((s) => s.type === "repository")?.name ?? null, requested: scopes.map(formatScope) };
}
