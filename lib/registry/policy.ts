import { isRepositoryPattern } from "./names";

/**
 * Grants as policy files carry them, independent of the database: what the docker_auth ACL and
 * zot accessControl exports are made from and imports are read into. "account" is a user or a
 * service account: the files do not tell them apart (names are unique across both).
 */
export type PolicySubject = { type: "account"; name: string } | { type: "team"; name: string } | { type: "public" };
export type PolicyAction = "pull" | "push" | "delete";
export interface PolicyGrant {
  subject: PolicySubject;
  repository: string;
  actions: PolicyAction[];
}
export interface Policy {
  grants: PolicyGrant[];
  /** Accounts with the admin role: everything, by role rather than by grant. */
  admins: string[];
  /** Team memberships, for formats that define groups inline (zot). */
  teams: Record<string, string[]>;
}

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} problems: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}`,
    );
  }
}

const ORDER: PolicyAction[] = ["pull", "push", "delete"];
export const sortActions = (a: Iterable<string>) => ORDER.filter((x) => new Set(a).has(x));

export const subjectKey = (s: PolicySubject) => (s.type === "public" ? "public" : `${s.type}:${s.name}`);
const grantKey = (g: PolicyGrant) => `${subjectKey(g.subject)}\u0000${g.repository}`;

/** Grants of the same subject and repository merged, actions ordered, rows sorted: the form both sides compare in. */
export function normalizeGrants(grants: readonly PolicyGrant[]): PolicyGrant[] {
  const merged = new Map<string, PolicyGrant>();
  for (const g of grants) {
    const k = grantKey(g);
    const prev = merged.get(k);
    merged.set(k, {
      subject: g.subject,
      repository: g.repository,
      actions: sortActions([...(prev?.actions ?? []), ...g.actions]),
    });
  }
  return [...merged.values()]
    .filter((g) => g.actions.length > 0)
    .sort((a, b) => (grantKey(a) < grantKey(b) ? -1 : grantKey(a) > grantKey(b) ? 1 : 0));
}

export function checkPatterns(grants: readonly PolicyGrant[]): string[] {
  return grants
    .filter((g) => !isRepositoryPattern(g.repository))
    .map((g) => `"${g.repository}" is not a repository name or pattern`);
}

export interface PolicyDiff {
  add: PolicyGrant[];
  remove: PolicyGrant[];
  change: { subject: PolicySubject; repository: string; from: PolicyAction[]; to: PolicyAction[] }[];
  unchanged: number;
}

/** What importing `next` would change, given the `current` grants. */
export function diffPolicies(current: readonly PolicyGrant[], next: readonly PolicyGrant[]): PolicyDiff {
  const before = new Map(normalizeGrants(current).map((g) => [grantKey(g), g]));
  const after = new Map(normalizeGrants(next).map((g) => [grantKey(g), g]));
  const diff: PolicyDiff = { add: [], remove: [], change: [], unchanged: 0 };
  for (const [k, g] of after) {
    const b = before.get(k);
    if (!b) diff.add.push(g);
    else if (b.actions.join() !== g.actions.join())
      diff.change.push({ subject: g.subject, repository: g.repository, from: b.actions, to: g.actions });
    else diff.unchanged++;
  }
  for (const [k, g] of before) if (!after.has(k)) diff.remove.push(g);
  return diff;
}

/** One policy-file format: a file in policy-formats/ exporting this, and a line in its index. */
export interface PolicyFormat {
  id: string;
  /** What the console calls it. */
  label: string;
  filename: string;
  contentType: string;
  write(policy: Policy): string;
  /** Throws PolicyError naming every entry it cannot express exactly. */
  read(text: string): Policy;
}

/**
 * A file meant for one registry, as grants bound to that registry on top of the grants that apply
 * to every registry (which such a file cannot change): the bound grants to create, or the problems.
 * The file must keep every all-registry grant at least as wide as it is; what it adds becomes
 * bound to the registry.
 */
export function boundGrantsFor(
  everywhere: readonly PolicyGrant[],
  next: readonly PolicyGrant[],
): { grants: PolicyGrant[]; problems: string[] } {
  const all = new Map(normalizeGrants(everywhere).map((g) => [grantKey(g), g]));
  const wanted = normalizeGrants(next);
  const byKey = new Map(wanted.map((g) => [grantKey(g), g]));
  const problems: string[] = [];
  for (const [k, e] of all) {
    const n = byKey.get(k);
    const missing = e.actions.filter((a) => !n?.actions.includes(a));
    if (missing.length)
      problems.push(
        `${subjectKey(e.subject)} ${e.repository} (${missing.join(", ")}) applies to every registry: a file for one registry cannot take it away; revoke it in Portcullis, or import without a registry`,
      );
  }
  const grants = wanted.filter((n) => {
    const e = all.get(grantKey(n));
    return !e || n.actions.some((a) => !e.actions.includes(a));
  });
  return { grants, problems };
}
