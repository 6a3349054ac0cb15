import { describePath, type AccessDocument, type DocumentProblem } from "./document";
import { namespaceRefusal, type Namespace } from "../auth/delegation";

/**
 * What `apply` would change, and whether the result would hold together. Pure: the current
 * configuration and the desired one (both as documents) in, the exact changes or the problems
 * (with their lines) out. Without `prune`, what the document does not mention is left alone.
 */
type Doc = AccessDocument;
type Named = "registry" | "user" | "team" | "serviceAccount";
type Entry = Record<string, unknown>;
export type DocGrant = Doc["grants"][number];

export type SettingsChange = { kind: "settings"; op: "update"; name: string; before: unknown; after: unknown };
export type NamedChange = {
  kind: Named;
  op: "create" | "update" | "delete";
  name: string;
  before?: Entry;
  after?: Entry;
};
export type GrantChange = { kind: "grant"; op: "create" | "delete"; name: string; grant: DocGrant };
export type Change = SettingsChange | NamedChange | GrantChange;

const SECTIONS: { kind: Named; section: "registries" | "users" | "teams" | "serviceAccounts"; key: string }[] = [
  { kind: "registry", section: "registries", key: "name" },
  { kind: "user", section: "users", key: "username" },
  { kind: "team", section: "teams", key: "name" },
  { kind: "serviceAccount", section: "serviceAccounts", key: "name" },
];

/** Compare-ready: no undefined values, lists that are sets sorted. */
function canonical(e: Entry): string {
  const out: Entry = {};
  for (const k of Object.keys(e).sort()) {
    const v = e[k];
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v)
      ? v.map((x: unknown) => (typeof x === "object" && x !== null ? JSON.stringify(x) : x)).sort()
      : v;
  }
  return JSON.stringify(out);
}

export const grantKey = (g: DocGrant) =>
  `${g.subject} ${g.repository} ${g.actions.join(",")}${g.expiresAt ? ` until ${g.expiresAt.toISOString()}` : ""}${g.registry ? ` on ${g.registry}` : ""}`;

export function diffAccess(current: Doc, desired: Doc, prune: boolean): Change[] {
  const changes: Change[] = [];
  for (const [k, after] of Object.entries(desired.settings ?? {})) {
    const before = (current.settings as Record<string, unknown> | undefined)?.[k];
    if (before !== after) changes.push({ kind: "settings", op: "update", name: k, before, after });
  }
  for (const { kind, section, key } of SECTIONS) {
    const now = new Map((current[section] as Entry[]).map((e) => [String(e[key]), e]));
    const want = new Map((desired[section] as Entry[]).map((e) => [String(e[key]), e]));
    for (const [name, after] of want) {
      const before = now.get(name);
      if (!before) changes.push({ kind, op: "create", name, after });
      else if (canonical(before) !== canonical(after)) changes.push({ kind, op: "update", name, before, after });
    }
    if (prune)
      for (const [name, before] of now) if (!want.has(name)) changes.push({ kind, op: "delete", name, before });
  }
  const nowGrants = new Map(current.grants.map((g) => [grantKey(g), g]));
  const wantGrants = new Map(desired.grants.map((g) => [grantKey(g), g]));
  for (const [name, grant] of wantGrants)
    if (!nowGrants.has(name)) changes.push({ kind: "grant", op: "create", name, grant });
  if (prune)
    for (const [name, grant] of nowGrants)
      if (!wantGrants.has(name)) changes.push({ kind: "grant", op: "delete", name, grant });
  return changes;
}

/** The configuration `apply` would leave: the document's entries, and (without prune) the others kept. */
function finalState(current: Doc, desired: Doc, prune: boolean) {
  const keep = <T>(now: T[], want: T[], key: (t: T) => string) => {
    const wanted = new Set(want.map(key));
    return [...want, ...(prune ? [] : now.filter((e) => !wanted.has(key(e))))];
  };
  return {
    users: keep(current.users, desired.users, (u) => u.username),
    teams: keep(current.teams, desired.teams, (t) => t.name),
    serviceAccounts: keep(current.serviceAccounts, desired.serviceAccounts, (a) => a.name),
    registries: keep(current.registries, desired.registries, (r) => r.name),
  };
}

/**
 * Whether the configuration after `apply` holds together: no name twice, every member, owner team
 * and grant subject exists, at least one enabled admin, the applying person still an enabled admin,
 * at least one registry. Each problem names the line of the document that causes it.
 */
export function consistencyProblems(
  current: Doc,
  desired: Doc,
  prune: boolean,
  applier: string,
  lineOf: (path: (string | number)[]) => number | null,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({
      line: lineOf(path),
      path: describePath(path),
      message,
    });

  for (const { section, key } of SECTIONS) {
    const seen = new Set<string>();
    (desired[section] as Entry[]).forEach((e, i) => {
      const name = String(e[key]);
      if (seen.has(name)) at([section, i, key], `"${name}" appears twice in ${section}`);
      seen.add(name);
    });
  }
  const final = finalState(current, desired, prune);
  const users = new Set(final.users.map((u) => u.username));
  const teams = new Set(final.teams.map((t) => t.name));
  const robots = new Set(final.serviceAccounts.map((a) => a.name));
  desired.serviceAccounts.forEach((a, i) => {
    if (users.has(a.name)) at(["serviceAccounts", i, "name"], `"${a.name}" is also a user: account names are shared`);
    if (a.team && !teams.has(a.team)) at(["serviceAccounts", i, "team"], `no team named "${a.team}"`);
  });
  const registries = new Set(final.registries.map((r) => r.name));
  desired.teams.forEach((t, i) => {
    for (const list of ["members", "maintainers"] as const)
      t[list].forEach((m, j) => {
        if (!users.has(m)) at(["teams", i, list, j], `no user named "${m}"`);
      });
    t.maintainers.forEach((m, j) => {
      if (t.members.includes(m))
        at(["teams", i, "maintainers", j], `${m} is listed as a member and a maintainer: keep one`);
    });
    t.namespaces.forEach((n, j) => {
      if (n.registry && !registries.has(n.registry))
        at(["teams", i, "namespaces", j, "registry"], `no registry named "${n.registry}"`);
    });
  });
  // Every team's namespaces against every other's (and each other's): never '*', never overlapping.
  const owned: (Namespace & { team: string })[] = [];
  final.teams.forEach((t) => {
    const i = desired.teams.indexOf(t as Doc["teams"][number]);
    t.namespaces.forEach((n, j) => {
      const ns = { pattern: n.pattern, registry: n.registry ?? null };
      const refusal = namespaceRefusal(ns, owned);
      if (refusal) at(i >= 0 ? ["teams", i, "namespaces", j] : ["teams"], refusal.message);
      owned.push({ ...ns, team: t.name });
    });
  });
  desired.grants.forEach((g, i) => {
    const [type, name] = g.subject.split(":");
    const known = type === "user" ? users : type === "team" ? teams : type === "service-account" ? robots : null;
    if (known && !known.has(name)) at(["grants", i, "subject"], `no ${type.replace("-", " ")} named "${name}"`);
    if (g.registry && !registries.has(g.registry)) at(["grants", i, "registry"], `no registry named "${g.registry}"`);
  });
  const me = final.users.find((u) => u.username === applier);
  if (!me || me.role !== "admin" || me.disabled) {
    const i = desired.users.findIndex((u) => u.username === applier);
    at(
      i >= 0 ? ["users", i] : ["users"],
      `this would remove, disable or demote ${applier}, who is applying it: change your own account in the console`,
    );
  }
  if (!final.users.some((u) => u.role === "admin" && !u.disabled))
    at(["users"], "no enabled administrator would be left");
  if (final.registries.length === 0) at(["registries"], "at least one registry must remain");
  return problems;
}
