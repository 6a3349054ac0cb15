import { isRepositoryPattern, patternCovers } from "../registry/names";

/**
 * Delegated administration, pure: which changes a person may make because of the teams they
 * maintain. Global admins may do everything; a team's maintainers act only inside the namespaces
 * the team owns (repository patterns, on one registry or on all); members and everyone else get
 * nothing here. Fails closed: anything not shown to be inside an owned namespace is refused.
 */
export const TEAM_ROLES = ["maintainer", "member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A namespace a team owns: a pattern, on one registry (its name) or on every registry (null). */
export interface Namespace {
  pattern: string;
  registry: string | null;
}

export interface Stewardship {
  team: string;
  role: TeamRole;
  namespaces: readonly Namespace[];
}

/** What delegation needs to know about the person acting. */
export interface Steward {
  admin: boolean;
  teams: readonly Stewardship[];
}

/** Where a grant applies: a repository pattern on one registry (its name) or on every registry (null). */
export interface Target {
  repository: string;
  registry: string | null;
}

export type DelegatedSubject =
  | { type: "user"; name: string }
  | { type: "team"; name: string }
  | { type: "service_account"; name: string; team: string | null }
  | { type: "public" };

/**
 * Whether a namespace contains every repository a target can name, on every registry it applies
 * to: a namespace on one registry never covers a grant for all registries, and a pattern must be
 * covered as a pattern ("payments/*" covers "payments/api-*" but not "payments*" or "*").
 */
export function namespaceCovers(ns: Namespace, target: Target): boolean {
  if (!isRepositoryPattern(ns.pattern) || !isRepositoryPattern(target.repository)) return false;
  if (ns.registry !== null && ns.registry !== target.registry) return false;
  return patternCovers(ns.pattern, target.repository);
}

const maintained = (s: Steward) => s.teams.filter((t) => t.role === "maintainer");

/** The teams through which the person may act on a target (maintained teams owning a namespace that covers it). */
export function teamsCovering(s: Steward, target: Target): Stewardship[] {
  return maintained(s).filter((t) => t.namespaces.some((ns) => namespaceCovers(ns, target)));
}

/** Whether the person runs this team: adds and removes members, sets roles, runs its service accounts. */
export function mayRunTeam(s: Steward, team: string | null): boolean {
  if (s.admin) return true;
  return team !== null && maintained(s).some((t) => t.team === team);
}

/** Whether the person maintains any team at all (to show them the team area). */
export function isMaintainer(s: Steward): boolean {
  return maintained(s).length > 0;
}

function describe(target: Target): string {
  return `${target.repository}${target.registry ? ` on ${target.registry}` : " on every registry"}`;
}

function owned(s: Steward): string {
  const all = maintained(s).flatMap((t) =>
    t.namespaces.map((ns) => `${ns.pattern}${ns.registry ? ` on ${ns.registry}` : ""}`),
  );
  return all.length ? all.join(", ") : "none";
}

/**
 * Null when the person may grant `subject` access to `target`; otherwise the reason. A maintainer
 * grants inside a namespace of a team they maintain, to any person, to that team, or to one of
 * that team's service accounts; never to everyone (public access is an admin's decision).
 */
export function grantRefusal(s: Steward, target: Target, subject: DelegatedSubject): string | null {
  if (s.admin) return null;
  if (!isMaintainer(s)) return "only admins and team maintainers may grant access";
  const teams = teamsCovering(s, target);
  if (teams.length === 0)
    return `${describe(target)} reaches beyond the namespaces of the teams you maintain (${owned(s)})`;
  switch (subject.type) {
    case "user":
      return null;
    case "team":
      return teams.some((t) => t.team === subject.name)
        ? null
        : `team maintainers grant to their own team only: ${subject.name} does not own ${describe(target)}`;
    case "service_account":
      return subject.team !== null && teams.some((t) => t.team === subject.team)
        ? null
        : `${subject.name} is not a service account of a team that owns ${describe(target)}`;
    case "public":
      return "only admins may make repositories public";
  }
}

/** Null when the person may revoke (or answer a request for) access to `target`; otherwise the reason. */
export function revokeRefusal(s: Steward, target: Target, subject: DelegatedSubject): string | null {
  if (s.admin) return null;
  if (subject.type === "public") return "only admins may change public access";
  if (teamsCovering(s, target).length === 0)
    return `${describe(target)} is outside the namespaces of the teams you maintain (${owned(s)})`;
  return null;
}

/**
 * Whether a repository (or pattern) lies inside a namespace of a team the person maintains, on at
 * least one registry: what they may see of requests for it, and answer with a grant that then
 * passes grantRefusal for the registry they choose.
 */
export function overseesRepository(s: Steward, repository: string): boolean {
  if (s.admin) return true;
  return maintained(s).some((t) =>
    t.namespaces.some((ns) => namespaceCovers(ns, { repository, registry: ns.registry })),
  );
}

/**
 * Null when a team may be given `ns`; otherwise why not. "*" would be global administration, and
 * two teams never own overlapping namespaces on the same registry (each repository has one owner).
 */
export function namespaceRefusal(
  ns: Namespace,
  others: readonly (Namespace & { team: string })[],
): { kind: "invalid" | "overlap"; message: string } | null {
  const invalid = (message: string) => ({ kind: "invalid" as const, message });
  if (!isRepositoryPattern(ns.pattern))
    return invalid(
      `"${ns.pattern}" is not a repository pattern (lowercase path components; "*" for any run of characters)`,
    );
  if (ns.pattern === "*")
    return invalid("a namespace of every repository is global administration: make its maintainers admins instead");
  for (const o of others) {
    const sameRegistry = o.registry === null || ns.registry === null || o.registry === ns.registry;
    if (sameRegistry && (patternCovers(o.pattern, ns.pattern) || patternCovers(ns.pattern, o.pattern)))
      return {
        kind: "overlap",
        message: `${ns.pattern} overlaps ${o.pattern}${o.registry ? ` on ${o.registry}` : ""}, owned by team ${o.team}`,
      };
  }
  return null;
}

/** Whoever may do everything (the system itself, tests' set-up, admins' own routes). */
export const FULL_STEWARDSHIP: Steward = { admin: true, teams: [] };
