/**
 * The audit log's operation and per-action outcome filters, as SQL over the stored event: a token
 * decision (`token.issue`) keeps the scopes it was asked for (`requested`, strings such as
 * "repository:team/app:pull,push") and what it granted (`granted`, the JWT's access claim). So
 * "denied pushes" are the decisions that asked for push on a repository and did not get it there,
 * whether the whole request was denied or only partly granted.
 */
import type { Operation, Outcome } from "../validation/audit";
export type { Operation, Outcome };

/** The events that record a registry doing something (notifications), not a change to the configuration. */
const REGISTRY_EVENTS = "('registry.push','registry.pull','registry.mount','registry.delete_manifest')";

/** A requested scope (SQL text `s`) asks for `op` on a repository ("*" asks for every action). */
const asks = (s: string, op: string) => `(${s} ~ ('^repository:.+:([a-z*]+,)*(' || ${op} || '|\\*)(,[a-z*]+)*$'))`;

/** The decision granted `op` on the repository of the requested scope `s`. */
const grantedAt = (s: string, op: string) =>
  `EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(granted, '[]'::jsonb)) g
            WHERE g->>'type' = 'repository' AND 'repository:' || (g->>'name') = regexp_replace(${s}, ':[^:]*$', '')
              AND (g->'actions' ? ${op} OR g->'actions' ? '*'))`;

const requestedScopes = `jsonb_array_elements_text(CASE WHEN jsonb_typeof(requested) = 'array' THEN requested ELSE '[]'::jsonb END)`;

/**
 * The WHERE clause for an operation and an outcome (either may be absent); `p` binds a parameter.
 * Without an operation, "denied" is every refused request, wholly or partly (denied or partial).
 */
export function operationOutcomeSql(
  operation: Operation | undefined,
  outcome: Outcome | undefined,
  p: (v: unknown) => string,
): string | null {
  if (!operation) {
    if (!outcome) return null;
    return outcome === "denied" ? `outcome IN ('denied', 'partial')` : `outcome = ${p(outcome)}`;
  }
  // Bound only where used: an unused parameter has no type PostgreSQL can infer.
  const exact = () => (outcome ? ` AND outcome = ${p(outcome)}` : "");
  switch (operation) {
    case "sign-in":
      return `action = 'session.sign_in'${exact()}`;
    case "change":
      // Everything people and Portcullis change; not decisions, sign-ins or what registries report.
      return `action NOT IN ('token.issue', 'session.sign_in', 'session.sso_ended') AND action NOT IN ${REGISTRY_EVENTS}
              AND NOT (action = 'registry.delete' AND "actorKind" = 'registry')${exact()}`;
    case "catalog":
      return `action = 'token.issue' AND requested ? 'registry:catalog:*'${outcome === "denied" ? ` AND outcome IN ('denied', 'partial')` : exact()}`;
    default: {
      const op = `${p(operation)}::text`;
      const anyAsking = `EXISTS (SELECT 1 FROM ${requestedScopes} s WHERE ${asks("s", op)})`;
      if (outcome === "denied")
        return `action = 'token.issue' AND EXISTS (SELECT 1 FROM ${requestedScopes} s WHERE ${asks("s", op)} AND NOT ${grantedAt("s", op)})`;
      if (outcome === "granted")
        return `action = 'token.issue' AND EXISTS (SELECT 1 FROM ${requestedScopes} s WHERE ${asks("s", op)} AND ${grantedAt("s", op)})`;
      if (outcome === "success") return `action = ${p(`registry.${operation}`)} AND outcome = 'success'`;
      const decisions = `(action = 'token.issue' AND ${anyAsking}${exact()})`;
      return outcome ? decisions : `(${decisions} OR action = ${p(`registry.${operation}`)})`;
    }
  }
}
