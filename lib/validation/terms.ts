/**
 * The API's fixed vocabularies, without zod: the browser's pages import these (a filter's
 * choices, a status list) without loading the schemas; lib/validation's schemas are built on them.
 */

/** What an audit event did: a repository action (asked for, or done at the registry), the catalog, a sign-in, a change. */
export const OPERATIONS = ["pull", "push", "delete", "catalog", "sign-in", "change"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const OUTCOMES = ["granted", "partial", "denied", "success", "failure"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "denied", "withdrawn", "expired"] as const;

/** What a token decision records in `details`: the trace per requested scope. */
export interface DecisionTrace {
  scope: string;
  granted: string[];
  denied: { action: string; reason: string }[];
}

/** The traces recorded in a token decision's `details` (none when it holds none, or not in this shape). */
export function decisionTraces(details: unknown): DecisionTrace[] {
  const decisions = (details as { decisions?: unknown } | null)?.decisions;
  if (!Array.isArray(decisions)) return [];
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  return decisions.filter(
    (d): d is DecisionTrace =>
      typeof d?.scope === "string" &&
      strings(d.granted) &&
      Array.isArray(d.denied) &&
      d.denied.every(
        (x: unknown) =>
          typeof (x as DecisionTrace["denied"][number])?.action === "string" &&
          typeof (x as DecisionTrace["denied"][number])?.reason === "string",
      ),
  );
}
