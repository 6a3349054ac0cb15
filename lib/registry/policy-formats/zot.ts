import {
  PolicyError,
  checkPatterns,
  normalizeGrants,
  sortActions,
  type Policy,
  type PolicyAction,
  type PolicyFormat,
  type PolicyGrant,
} from "../policy";

/**
 * zot's `http.accessControl`: repositories keyed by doublestar globs, each with policies of users
 * and groups and actions read/create/update/delete, plus anonymousPolicy, adminPolicy and groups.
 * pull = read, push = create + update, delete = delete. A Portcullis `*` (any characters,
 * "/" included) is written `**`.
 */
const TO_ZOT: Record<PolicyAction, string[]> = { pull: ["read"], push: ["create", "update"], delete: ["delete"] };

type ZotPolicy = { users?: string[]; groups?: string[]; actions: string[] };
type ZotRepo = { policies: ZotPolicy[]; anonymousPolicy?: string[]; defaultPolicy?: string[] };
interface ZotAccessControl {
  repositories: Record<string, ZotRepo>;
  adminPolicy?: { users?: string[]; groups?: string[]; actions: string[] };
  groups?: Record<string, { users: string[] }>;
}

const toZotActions = (a: readonly PolicyAction[]) => a.flatMap((x) => TO_ZOT[x]);

export function exportZotPolicy(policy: Policy): string {
  const repositories: Record<string, ZotRepo> = {};
  for (const g of normalizeGrants(policy.grants)) {
    const key = g.repository.replaceAll("*", "**");
    const repo = (repositories[key] ??= { policies: [] });
    if (g.subject.type === "public") repo.anonymousPolicy = toZotActions(g.actions);
    else
      repo.policies.push({
        [g.subject.type === "team" ? "groups" : "users"]: [g.subject.name],
        actions: toZotActions(g.actions),
      });
  }
  const groups = Object.fromEntries(
    Object.entries(policy.teams)
      .sort()
      .map(([name, users]) => [name, { users: [...users].sort() }]),
  );
  const accessControl: ZotAccessControl = {
    repositories,
    adminPolicy: { users: [...policy.admins].sort(), actions: ["read", "create", "update", "delete"] },
    groups,
  };
  return `${JSON.stringify({ accessControl }, null, 2)}\n`;
}

function fromZotActions(actions: unknown, at: string, problems: string[]): PolicyAction[] {
  if (!Array.isArray(actions)) {
    problems.push(`${at}: "actions" must be a list`);
    return [];
  }
  const set = new Set(actions.map(String));
  const unknown = [...set].filter((a) => !["read", "create", "update", "delete"].includes(a));
  if (unknown.length) problems.push(`${at}: unknown action(s) ${unknown.join(", ")}`);
  if (set.has("create") !== set.has("update"))
    problems.push(`${at}: "create" and "update" come together as push in Portcullis`);
  const out: PolicyAction[] = [];
  if (set.has("read")) out.push("pull");
  if (set.has("create") && set.has("update")) out.push("push");
  if (set.has("delete")) out.push("delete");
  return out;
}

/** Reads a zot accessControl (the object itself or wrapped in {"accessControl": …} or a full config's http section). */
export function importZotPolicy(text: string): Policy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PolicyError([`not valid JSON: ${(err as Error).message}`]);
  }
  const d = doc as { accessControl?: unknown; http?: { accessControl?: unknown }; repositories?: unknown };
  const ac = (d?.http?.accessControl ?? d?.accessControl ?? (d?.repositories ? d : undefined)) as
    ZotAccessControl | undefined;
  if (!ac || typeof ac.repositories !== "object" || ac.repositories === null)
    throw new PolicyError(['expected "accessControl" with a "repositories" object']);
  const problems: string[] = [];
  const grants: PolicyGrant[] = [];
  for (const [glob, repo] of Object.entries(ac.repositories)) {
    const at = `repositories["${glob}"]`;
    if (/[?[{]/.test(glob) || /(^|[^*])\*([^*]|$)/.test(glob)) {
      problems.push(`${at}: only plain names and "**" wildcards map to Portcullis patterns`);
      continue;
    }
    const repository = glob.replaceAll("**", "*");
    if (repo.defaultPolicy?.length)
      problems.push(`${at}: defaultPolicy (every signed-in user) has no Portcullis equivalent; grant a team instead`);
    if (repo.anonymousPolicy?.length) {
      const a = fromZotActions(repo.anonymousPolicy, `${at}.anonymousPolicy`, problems);
      if (a.some((x) => x !== "pull")) problems.push(`${at}: anonymous access is pull only`);
      grants.push({ subject: { type: "public" }, repository, actions: a });
    }
    (Array.isArray(repo.policies) ? repo.policies : []).forEach((p, i) => {
      const actions = fromZotActions(p.actions, `${at}.policies[${i}]`, problems);
      for (const u of p.users ?? [])
        grants.push({ subject: { type: "account", name: String(u) }, repository, actions });
      for (const g of p.groups ?? []) grants.push({ subject: { type: "team", name: String(g) }, repository, actions });
    });
  }
  problems.push(...checkPatterns(grants));
  if (problems.length) throw new PolicyError(problems);
  const teams = Object.fromEntries(Object.entries(ac.groups ?? {}).map(([n, g]) => [n, (g?.users ?? []).map(String)]));
  return {
    grants: normalizeGrants(grants.map((g) => ({ ...g, actions: sortActions(g.actions) as PolicyAction[] }))),
    admins: ac.adminPolicy?.users ?? [],
    teams,
  };
}

export const zot: PolicyFormat = {
  id: "zot",
  label: "zot accessControl (JSON)",
  filename: "zot-access-control.json",
  contentType: "application/json",
  write: exportZotPolicy,
  read: importZotPolicy,
};
