import { credentialRefusal } from "../auth/credential-state";
import type { Credential, Subject } from "../auth/credentials";
import { findTokenWithOwner } from "../db/access-tokens";
import { listGrants, liveGrant } from "../db/grants";
import { findServiceAccountByName, listDisabledServiceAccountNames } from "../db/service-accounts";
import { listTeamMembers } from "../db/teams";
import { findUserByUsername, listAdmins, listDisabledUsernames } from "../db/users";
import { AppError, notFound } from "../errors";
import { authorize, explainDecisions, summarizeRules, type TokenScopeRule } from "../registry/authorize";
import { isRepositoryName, matchesPattern } from "../registry/names";
import { loadPrincipal } from "../token-server/principal";
import type { SimulateInput } from "../validation/access";
import { presentGrant } from "./grants";
import { findRegistryByName } from "../db/registries";

/**
 * "Why was this denied?" The same steps the token endpoint takes (the credential's state, then
 * loadPrincipal + authorize), for a person, a robot, anonymous or one access token, without a
 * password: what a registry would be told, and the rule or reason behind each action.
 */
export async function simulate(input: SimulateInput) {
  let subject: Subject | null = null;
  let credential: Credential | undefined;
  let refused: string | null = null;
  let token:
    | { id: string; name: string; prefix: string; scopes: { repository: string; actions: string[] }[] | null }
    | undefined;

  if (input.tokenId) {
    const t = await findTokenWithOwner(input.tokenId);
    if (!t) throw notFound("token");
    const scopes = (t.scopes as TokenScopeRule[] | null) ?? null;
    token = {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      scopes: scopes?.map((r) => ({ repository: r.repository, actions: [...r.actions] })) ?? null,
    };
    credential = { type: "token", id: t.id, prefix: t.prefix, scopes: scopes ?? undefined, expiresAt: t.expiresAt };
    subject = t.user
      ? { kind: "user", id: t.user.id, name: t.user.username, role: t.user.role }
      : { kind: "service_account", id: t.serviceAccount!.id, name: t.serviceAccount!.name };
    refused = credentialRefusal({
      now: Date.now(),
      revokedAt: t.revokedAt?.getTime(),
      expiresAt: t.expiresAt?.getTime(),
      ownerDisabled: Boolean(t.user?.disabled ?? t.serviceAccount?.disabled),
    });
  } else if (input.subject?.type === "user") {
    const u = await findUserByUsername(input.subject.name);
    if (!u) throw notFound(`user "${input.subject.name}"`);
    subject = { kind: "user", id: u.id, name: u.username, role: u.role };
    credential = { type: "password" };
    refused = credentialRefusal({ now: Date.now(), ownerDisabled: u.disabled });
  } else if (input.subject?.type === "service-account") {
    const a = await findServiceAccountByName(input.subject.name);
    if (!a) throw notFound(`service account "${input.subject.name}"`);
    subject = { kind: "service_account", id: a.id, name: a.name };
    refused = credentialRefusal({ now: Date.now(), ownerDisabled: a.disabled });
  }

  const registry = input.registry ? await findRegistryByName(input.registry) : null;
  if (input.registry && !registry) throw notFound(`registry "${input.registry}"`);
  const principal = await loadPrincipal(subject, credential);
  const { decisions, access } = authorize(
    principal,
    [{ type: "repository", name: input.repository, actions: input.actions }],
    registry?.service,
  );
  const [explained] = explainDecisions(decisions);
  return {
    subject: subject
      ? {
          type: subject.kind === "user" ? ("user" as const) : ("service-account" as const),
          name: subject.name,
          admin: principal.admin,
        }
      : { type: "anonymous" as const },
    token,
    repository: input.repository,
    asked: input.actions,
    /** A credential that would fail to authenticate: the registry gets 401 and no token at all. */
    authentication: refused ? { ok: false as const, reason: refused } : { ok: true as const },
    granted: refused ? [] : access[0].actions,
    decision: explained,
    registryWouldSay: refused
      ? "unauthorized: authentication required"
      : access[0].actions.length === input.actions.length
        ? "allowed"
        : "denied: requested access to the resource is denied",
  };
}

type WhoRow = {
  subject: { type: "user" | "service-account" | "team" | "public"; name: string; disabled?: boolean };
  actions: string[];
  via: { kind: "admin" | "grant" | "team" | "public"; grant?: string; pattern?: string; team?: string };
};

/** Everyone who may pull/push/delete a repository, and why (the grant, the team it came through, or the admin role). */
export async function whoCan(repository: string) {
  if (!isRepositoryName(repository))
    throw new AppError(
      "validation_failed",
      `"${repository.slice(0, 100)}" is not a valid repository name (lowercase path components like team/app)`,
    );
  const grants = (await listGrants(liveGrant())).filter((g) => matchesPattern(g.repository, repository));
  const teamIds = grants.filter((g) => g.team).map((g) => g.team!.id);
  const [members, admins, disabledUsers, disabledRobots] = await Promise.all([
    listTeamMembers(teamIds),
    listAdmins(),
    listDisabledUsernames(),
    listDisabledServiceAccountNames(),
  ]);
  const offUsers = new Set(disabledUsers.map((u) => u.username));
  const offRobots = new Set(disabledRobots.map((a) => a.name));
  const rows: WhoRow[] = admins.map((a) => ({
    subject: { type: "user", name: a.username, disabled: a.disabled },
    actions: ["delete", "pull", "push"],
    via: { kind: "admin" },
  }));
  for (const g of grants) {
    const grant = { grant: g.id, pattern: g.repository };
    const actions = [...g.actions].sort();
    if (g.user)
      rows.push({
        subject: { type: "user", name: g.user.username, disabled: offUsers.has(g.user.username) },
        actions,
        via: { kind: "grant", ...grant },
      });
    else if (g.serviceAccount)
      rows.push({
        subject: {
          type: "service-account",
          name: g.serviceAccount.name,
          disabled: offRobots.has(g.serviceAccount.name),
        },
        actions,
        via: { kind: "grant", ...grant },
      });
    else if (g.team) {
      for (const m of members.filter((x) => x.teamId === g.team!.id)) {
        rows.push({
          subject: { type: "user", name: m.user.username, disabled: m.user.disabled },
          actions,
          via: { kind: "team", team: g.team.name, ...grant },
        });
      }
    } else rows.push({ subject: { type: "public", name: "everyone" }, actions, via: { kind: "public", ...grant } });
  }
  return { repository, grants: grants.map(presentGrant), subjects: rows };
}

/** Every repository pattern a user reaches, with the actions and where each comes from. */
export async function userReach(username: string) {
  const user = await findUserByUsername(username);
  if (!user) throw notFound(`user "${username}"`);
  const principal = await loadPrincipal({ kind: "user", id: user.id, name: user.username, role: user.role });
  const byPattern = summarizeRules(principal.rules);
  return {
    user: { username: user.username, role: user.role, disabled: user.disabled },
    admin: principal.admin,
    patterns: [...byPattern].map(([pattern, actions]) => ({
      pattern,
      actions: [...actions].sort(),
      via: principal.rules
        .filter((r) => r.repository === pattern)
        .map((r) => ({
          grant: r.id,
          type: r.via.type,
          name: r.via.name,
          actions: [...r.actions],
          expiresAt: r.expiresAt === undefined ? null : new Date(r.expiresAt),
          registry: r.registry ?? null,
        })),
    })),
  };
}
