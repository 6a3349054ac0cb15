import YAML from "yaml";
import {
  PolicyError,
  normalizeGrants,
  sortActions,
  checkPatterns,
  type Policy,
  type PolicyAction,
  type PolicyFormat,
  type PolicyGrant,
} from "../policy";

/**
 * cesanta/docker_auth's static ACL (`acl:` in its config). Matching is first-match-wins there;
 * Portcullis grants are a union, so the export lists every grant and ends with no catch-all.
 * docker_auth's `name` globs do not cross "/", while a Portcullis `*` does: patterns are written
 * as anchored regular expressions (/^team\/.*$/) that mean exactly the same, and read back.
 * Teams are matched through an account label, `team`, which the authentication backend supplies.
 */
const REGEX_SPECIALS = /[.+?^${}()|[\]\\/]/g;

export function patternToRegex(pattern: string): string {
  return `/^${pattern
    .split("*")
    .map((p) => p.replace(REGEX_SPECIALS, "\\$&"))
    .join(".*")}$/`;
}

export function regexToPattern(re: string): string | null {
  const m = /^\/\^(.*)\$\/$/.exec(re);
  if (!m) return null;
  const parts = m[1].split(".*");
  const literal = parts.map((p) => {
    const unescaped = p.replace(/\\(.)/g, "$1");
    // Only escaped specials and plain name characters: anything else is a real regex.
    return /^(?:\\[.+?^${}()|[\]\\/]|[a-z0-9_\-/])*$/.test(p) ? unescaped : null;
  });
  return literal.includes(null) ? null : literal.join("*");
}

interface AclEntry {
  match: { account?: string; name?: string; type?: string; labels?: Record<string, string> };
  actions: string[];
  comment?: string;
}

export function exportDockerAuthAcl(policy: Policy): string {
  const acl: AclEntry[] = [];
  for (const a of [...policy.admins].sort())
    acl.push({ match: { account: a }, actions: ["*"], comment: "administrator (role)" });
  for (const g of normalizeGrants(policy.grants)) {
    const match: AclEntry["match"] =
      g.subject.type === "account"
        ? { account: g.subject.name }
        : g.subject.type === "team"
          ? { labels: { team: g.subject.name } }
          : { account: "" };
    match.type = "repository";
    match.name = g.repository.includes("*") ? patternToRegex(g.repository) : g.repository;
    acl.push({ match, actions: [...g.actions] });
  }
  return `# Exported by Portcullis: the repository grants as a cesanta/docker_auth static ACL.\n# Team grants match the account label "team"; "" is the anonymous account (public pull).\n${YAML.stringify({ acl })}`;
}

/** Reads an ACL back. Entries Portcullis cannot express exactly are refused, never approximated. */
export function importDockerAuthAcl(text: string): Policy {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new PolicyError([`not valid YAML: ${(err as Error).message.split("\n")[0]}`]);
  }
  const list = (doc as { acl?: unknown })?.acl;
  if (!Array.isArray(list)) throw new PolicyError(['expected a top-level "acl:" list']);
  const problems: string[] = [];
  const grants: PolicyGrant[] = [];
  const admins: string[] = [];
  list.forEach((raw, i) => {
    const at = `acl[${i}]`;
    const e = raw as Partial<AclEntry>;
    if (!e || typeof e !== "object" || typeof e.match !== "object" || !Array.isArray(e.actions))
      return void problems.push(`${at}: needs "match" and "actions"`);
    const { account, name, type, labels, ...rest } = e.match as AclEntry["match"] & Record<string, unknown>;
    if (Object.keys(rest).length)
      return void problems.push(
        `${at}: match on ${Object.keys(rest).join(", ")} cannot be expressed as a Portcullis grant`,
      );
    if (
      e.actions.includes("*") &&
      name === undefined &&
      type === undefined &&
      labels === undefined &&
      typeof account === "string" &&
      account
    ) {
      admins.push(account);
      return;
    }
    if (type !== undefined && type !== "repository")
      return void problems.push(`${at}: only type "repository" maps to grants`);
    if (typeof name !== "string") return void problems.push(`${at}: a grant needs a repository "name"`);
    const repository = name.startsWith("/")
      ? regexToPattern(name)
      : name.includes("*") || name.includes("?") || name.includes("[")
        ? null
        : name;
    if (repository === null)
      return void problems.push(
        `${at}: "${name}" is a glob or regular expression Portcullis cannot express exactly (use a plain name or /^prefix\\/.*$/)`,
      );
    const actions = e.actions.map(String);
    const unknown = actions.filter((a) => !["pull", "push", "delete", "*"].includes(a));
    if (unknown.length) return void problems.push(`${at}: unknown action(s) ${unknown.join(", ")}`);
    const mapped = (actions.includes("*") ? ["pull", "push", "delete"] : actions) as PolicyAction[];
    let subject: PolicyGrant["subject"];
    if (labels !== undefined) {
      const keys = Object.keys(labels ?? {});
      if (keys.length !== 1 || keys[0] !== "team" || typeof labels.team !== "string" || account !== undefined)
        return void problems.push(`${at}: only a single "team" label maps to a team`);
      subject = { type: "team", name: labels.team };
    } else if (account === "") subject = { type: "public" };
    else if (typeof account === "string" && !/[*?[/]/.test(account)) subject = { type: "account", name: account };
    else return void problems.push(`${at}: the account must be a plain name ("" for anonymous)`);
    if (subject.type === "public" && mapped.some((a) => a !== "pull"))
      return void problems.push(`${at}: anonymous access is pull only`);
    grants.push({ subject, repository, actions: sortActions(mapped) as PolicyAction[] });
  });
  problems.push(...checkPatterns(grants));
  if (problems.length) throw new PolicyError(problems);
  return { grants: normalizeGrants(grants), admins, teams: {} };
}

export const dockerAuth: PolicyFormat = {
  id: "docker-auth",
  label: "docker_auth ACL (YAML)",
  filename: "docker_auth-acl.yml",
  contentType: "application/yaml",
  write: exportDockerAuthAcl,
  read: importDockerAuthAcl,
};
