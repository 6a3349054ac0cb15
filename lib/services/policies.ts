import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction } from "../db/client";
import { listGrants, liveGrant, replaceGrants } from "../db/grants";
import { registryByName } from "./grants";
import { findServiceAccountIdsByName } from "../db/service-accounts";
import { findTeamIdsByName, listTeamsWithMemberNames } from "../db/teams";
import { findUserIdsByName, listEnabledAdminNames } from "../db/users";
import { AppError } from "../errors";
import {
  boundGrantsFor,
  diffPolicies,
  PolicyError,
  subjectKey,
  type Policy,
  type PolicyAction,
  type PolicyDiff,
  type PolicyGrant,
} from "../registry/policy";
import { findPolicyFormat, policyFormatIds } from "../registry/policy-formats";

/** The format named in the path, or a 404 that lists the ones there are. */
function formatOf(id: string) {
  const f = findPolicyFormat(id);
  if (!f)
    throw new AppError(
      "not_found",
      `no policy format "${id.slice(0, 40)}": use one of ${policyFormatIds().join(", ")}`,
    );
  return f;
}

type Scope = { id: string; name: string } | null;

/** The grants a policy file covers: those for every registry, and (for one registry) those bound to it. */
function scopeWhere(registry: Scope, boundOnly = false) {
  if (!registry) return { registryId: null };
  return boundOnly ? { registryId: registry.id } : { OR: [{ registryId: null }, { registryId: registry.id }] };
}

/**
 * Portcullis's grants in force, admins and teams in the files' neutral form: for one registry,
 * what its token server must enforce (the grants for every registry and those bound to it);
 * without one, the grants for every registry only (a narrower file: never more than any registry
 * allows). The files cannot say "until": a grant with an expiry is written while it lasts, so
 * export again after it lapses.
 */
export async function currentPolicy(registry: Scope = null, boundOnly = false): Promise<Policy> {
  const [grants, admins, teams] = await Promise.all([
    listGrants({ AND: [liveGrant(), scopeWhere(registry, boundOnly)] }),
    listEnabledAdminNames(),
    listTeamsWithMemberNames(),
  ]);
  return {
    grants: grants.map((g) => ({
      subject: g.user
        ? { type: "account", name: g.user.username }
        : g.serviceAccount
          ? { type: "account", name: g.serviceAccount.name }
          : g.team
            ? { type: "team", name: g.team.name }
            : { type: "public" },
      repository: g.repository,
      actions: g.actions as PolicyAction[],
    })),
    admins: admins.map((a) => a.username),
    teams: Object.fromEntries(teams.map((t) => [t.name, t.members.map((m) => m.user.username)])),
  };
}

export async function exportPolicy(format: string, registryName?: string) {
  const f = formatOf(format);
  const registry = await registryByName(registryName);
  return { content: f.write(await currentPolicy(registry)), filename: f.filename, contentType: f.contentType };
}

type Resolved = { grant: PolicyGrant; subjectType: "user" | "team" | "service_account" | "public"; subjectId?: string };

/** Every subject the file names must exist in Portcullis: imports change grants, never create accounts. */
async function resolveSubjects(grants: PolicyGrant[]): Promise<Resolved[]> {
  const accounts = [
    ...new Set(grants.filter((g) => g.subject.type === "account").map((g) => (g.subject as { name: string }).name)),
  ];
  const teamNames = [
    ...new Set(grants.filter((g) => g.subject.type === "team").map((g) => (g.subject as { name: string }).name)),
  ];
  const [users, robots, teams] = await Promise.all([
    findUserIdsByName(accounts),
    findServiceAccountIdsByName(accounts),
    findTeamIdsByName(teamNames),
  ]);
  const missing = [
    ...accounts
      .filter((a) => !users.some((u) => u.username === a) && !robots.some((r) => r.name === a))
      .map((a) => `no user or service account named "${a}"`),
    ...teamNames.filter((t) => !teams.some((x) => x.name === t)).map((t) => `no team named "${t}"`),
  ];
  if (missing.length) throw new PolicyError(missing.map((m) => `${m}: create it first, then import again`));
  return grants.map((grant) => {
    const s = grant.subject;
    if (s.type === "public") return { grant, subjectType: "public" };
    if (s.type === "team") return { grant, subjectType: "team", subjectId: teams.find((t) => t.name === s.name)!.id };
    const u = users.find((x) => x.username === s.name);
    return u
      ? { grant, subjectType: "user", subjectId: u.id }
      : { grant, subjectType: "service_account", subjectId: robots.find((r) => r.name === s.name)!.id };
  });
}

function parse(format: string, content: string): Policy {
  try {
    return formatOf(format).read(content);
  } catch (err) {
    if (err instanceof PolicyError)
      throw new AppError(
        "validation_failed",
        `the file cannot be imported: ${err.message}`,
        err.problems.map((message) => ({ path: "content", message })),
      );
    throw err;
  }
}

/**
 * Imports a policy file as the new set of grants: with apply false, only the preview of what would
 * change; with apply true, the change in one audited transaction. A file with any problem changes nothing.
 */
export async function importPolicy(
  actor: AuditActor,
  format: string,
  content: string,
  apply: boolean,
  registryName?: string,
): Promise<{ diff: PolicyDiff; applied: boolean }> {
  const registry = await registryByName(registryName);
  const next = parse(format, content);
  // For one registry, the file is what that registry enforces: grants for every registry stay as
  // they are, what the file adds is bound to the registry (lib/registry/policy.ts boundGrantsFor).
  const everywhere = registry ? (await currentPolicy(null)).grants : [];
  const bound = registry ? boundGrantsFor(everywhere, next.grants) : { grants: next.grants, problems: [] };
  if (bound.problems.length)
    throw new AppError(
      "validation_failed",
      `the file cannot be imported for ${registry!.name}: ${bound.problems[0]}`,
      bound.problems.map((message) => ({ path: "content", message })),
    );
  let resolved: Resolved[];
  try {
    resolved = await resolveSubjects(bound.grants);
  } catch (err) {
    if (err instanceof PolicyError)
      throw new AppError(
        "validation_failed",
        `the file cannot be imported: ${err.message}`,
        err.problems.map((message) => ({ path: "content", message })),
      );
    throw err;
  }
  const current = await currentPolicy(registry);
  const diff = diffPolicies(current.grants, next.grants);
  if (!apply || diff.add.length + diff.remove.length + diff.change.length === 0) return { diff, applied: false };
  await transaction(async (tx) => {
    await replaceGrants(
      tx,
      scopeWhere(registry, true),
      resolved.map((r) => ({
        registryId: registry?.id ?? null,
        subjectType: r.subjectType,
        ...(r.subjectType === "user"
          ? { userId: r.subjectId }
          : r.subjectType === "team"
            ? { teamId: r.subjectId }
            : r.subjectType === "service_account"
              ? { serviceAccountId: r.subjectId }
              : {}),
        repository: r.grant.repository,
        actions: r.grant.actions,
        createdById: actor.actorKind === "user" ? actor.actorId : null,
      })),
    );
    const show = (g: { subject: PolicyGrant["subject"]; repository: string }) =>
      `${subjectKey(g.subject)} ${g.repository}`;
    await appendAudit(tx, [
      {
        ...actor,
        action: "grants.import",
        outcome: "success",
        details: {
          format,
          registry: registry?.name ?? null,
          added: diff.add.map((g) => `${show(g)}: ${g.actions.join(",")}`),
          removed: diff.remove.map((g) => `${show(g)}: ${g.actions.join(",")}`),
          changed: diff.change.map((c) => `${show(c)}: ${c.from.join(",")} -> ${c.to.join(",")}`),
        },
      },
    ]);
  });
  return { diff, applied: true };
}
