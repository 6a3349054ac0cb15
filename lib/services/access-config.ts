import {
  consistencyProblems,
  diffAccess,
  grantKey,
  type Change,
  type GrantChange,
  type NamedChange,
  type SettingsChange,
} from "../access-config/diff";
import { DocumentError, readAccessDocument, writeAccessDocument, type AccessDocument } from "../access-config/document";
import { appendAudit } from "../audit/write";
import type { AuditActor, AuditInput } from "../audit/types";
import { NO_PASSWORD } from "../auth/password";
import type { Caller } from "../auth/caller";
import { readAccessRows, setTeamMembers, setTeamNamespaces, type AccessRows } from "../db/access-config";
import { transaction, type Tx } from "../db/client";
import { lockForTransaction } from "../db/locks";
import { writeSetting } from "../db/settings";
import { forbidden } from "../errors";
import { readCertificate } from "../registry/certificates";
import { getSettings, invalidateSettings } from "../settings";

/** The configuration as a document, and the ids behind its names. */
function snapshot(rows: AccessRows, settings: AccessDocument["settings"]) {
  const opt = <T>(v: T | null) => v ?? undefined;
  const subjectOf = (g: AccessRows["grants"][number]) =>
    g.user
      ? `user:${g.user.username}`
      : g.team
        ? `team:${g.team.name}`
        : g.serviceAccount
          ? `service-account:${g.serviceAccount.name}`
          : "public";
  const grants = rows.grants.map((g) => ({
    id: g.id,
    doc: {
      subject: subjectOf(g),
      repository: g.repository,
      actions: [...g.actions].sort() as AccessDocument["grants"][number]["actions"],
      expiresAt: opt(g.expiresAt),
      registry: opt(g.registry?.name ?? null),
    },
  }));
  const doc: AccessDocument = {
    version: 1,
    settings,
    registries: rows.registries.map(({ id: _id, createdAt: _at, caCertificate, ...r }) => ({
      ...r,
      kind: r.kind as AccessDocument["registries"][number]["kind"],
      caCertificate: opt(caCertificate),
    })),
    users: rows.users.map((u) => ({
      username: u.username,
      role: u.role,
      email: opt(u.email),
      displayName: opt(u.displayName),
      disabled: u.disabled,
    })),
    teams: rows.teams.map((t) => ({
      name: t.name,
      description: opt(t.description),
      members: t.members
        .filter((m) => m.role === "member")
        .map((m) => m.user.username)
        .sort(),
      maintainers: t.members
        .filter((m) => m.role === "maintainer")
        .map((m) => m.user.username)
        .sort(),
      namespaces: t.namespaces.map((n) => ({ pattern: n.pattern, registry: opt(n.registry?.name ?? null) })),
    })),
    serviceAccounts: rows.serviceAccounts.map((a) => ({
      name: a.name,
      description: opt(a.description),
      team: opt(a.team?.name ?? null),
      disabled: a.disabled,
    })),
    grants: grants.map((g) => g.doc),
  };
  const ids = {
    registry: new Map(rows.registries.map((r) => [r.name, r.id])),
    user: new Map(rows.users.map((u) => [u.username, u.id])),
    team: new Map(rows.teams.map((t) => [t.name, t.id])),
    serviceAccount: new Map(rows.serviceAccounts.map((a) => [a.name, a.id])),
    grant: new Map<string, string[]>(),
  };
  for (const g of grants) ids.grant.set(grantKey(g.doc), [...(ids.grant.get(grantKey(g.doc)) ?? []), g.id]);
  return { doc, ids };
}

async function current(tx: Tx) {
  return snapshot(await readAccessRows(tx), await getSettings());
}

/** `portcullis export`: the whole access configuration, canonical (export of a fresh apply is byte-identical). */
export async function exportAccessConfig(): Promise<string> {
  return transaction(async (tx) => writeAccessDocument((await current(tx)).doc));
}

/** One change in words, as the diff shows it. */
export function describeChange(c: Change): string {
  const sign = c.op === "create" ? "+" : c.op === "delete" ? "-" : "~";
  const label = { registry: "registry", user: "user", team: "team", serviceAccount: "service account" };
  if (c.kind === "settings") return `~ setting ${c.name}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`;
  if (c.kind === "grant") return `${sign} grant ${c.name}`;
  if (c.op !== "update") return `${sign} ${label[c.kind]} ${c.name}`;
  const fields = [...new Set([...Object.keys(c.before ?? {}), ...Object.keys(c.after ?? {})])]
    .filter((k) => JSON.stringify(c.before?.[k] ?? null) !== JSON.stringify(c.after?.[k] ?? null))
    .map((k) => `${k} ${JSON.stringify(c.before?.[k] ?? null)} → ${JSON.stringify(c.after?.[k] ?? null)}`);
  return `~ ${label[c.kind]} ${c.name}: ${fields.join(", ")}`;
}

type Ids = ReturnType<typeof snapshot>["ids"];

const AUDIT: Record<Exclude<Change["kind"], "settings">, Record<Change["op"], AuditInput["action"]>> = {
  registry: { create: "registry.create", update: "registry.update", delete: "registry.delete" },
  user: { create: "user.create", update: "user.update", delete: "user.delete" },
  team: { create: "team.create", update: "team.update", delete: "team.delete" },
  serviceAccount: {
    create: "service_account.create",
    update: "service_account.update",
    delete: "service_account.delete",
  },
  grant: { create: "grant.create", update: "grant.create", delete: "grant.delete" },
};

/** Makes the changes inside the caller's transaction, in an order that keeps every reference valid. */
async function applyChanges(tx: Tx, actor: AuditActor, changes: Change[], desired: AccessDocument, ids: Ids) {
  const now = new Date();
  const events: AuditInput[] = [];
  const record = (c: Change, details: Record<string, unknown>) =>
    events.push({
      ...actor,
      action: c.kind === "settings" ? "settings.update" : AUDIT[c.kind][c.op],
      outcome: "success",
      ...(c.kind === "grant" ? { repository: c.grant.repository } : {}),
      details: { ...details, via: "config.apply" },
    });
  const pick = (kind: Change["kind"], op?: Change["op"]) =>
    changes.filter((c) => c.kind === kind && (!op || c.op === op));
  const settings = pick("settings") as SettingsChange[];
  const named = (kind: NamedChange["kind"], op?: Change["op"]) => pick(kind, op) as NamedChange[];
  const grants = (op: GrantChange["op"]) => pick("grant", op) as GrantChange[];
  const need = (map: Map<string, string>, name: string) => map.get(name)!;

  for (const c of settings) {
    await writeSetting(tx, c.name, c.after as never);
    record(c, { before: { [c.name]: c.before }, after: { [c.name]: c.after } });
  }
  for (const c of named("registry").filter((x) => x.op !== "delete")) {
    const r = desired.registries.find((x) => x.name === c.name)!;
    const data = { ...r, caCertificate: r.caCertificate ? readCertificate(r.caCertificate).pem : null };
    if (c.op === "create") ids.registry.set(c.name, (await tx.registry.create({ data, select: { id: true } })).id);
    else await tx.registry.update({ where: { id: need(ids.registry, c.name) }, data });
    record(c, { before: c.before, after: c.after });
  }
  for (const c of named("user").filter((x) => x.op !== "delete")) {
    const u = desired.users.find((x) => x.username === c.name)!;
    const data = { role: u.role, email: u.email ?? null, displayName: u.displayName ?? null, disabled: u.disabled };
    if (c.op === "create")
      ids.user.set(
        c.name,
        (
          await tx.user.create({
            data: { ...data, username: u.username, passwordHash: NO_PASSWORD },
            select: { id: true },
          })
        ).id,
      );
    else {
      const before = c.before as { role?: string; disabled?: boolean };
      const sessionsEnd = before.role !== u.role || (u.disabled && !before.disabled);
      await tx.user.update({
        where: { id: need(ids.user, c.name) },
        data: { ...data, ...(sessionsEnd ? { sessionsValidAfter: now } : {}) },
      });
    }
    record(c, { before: c.before, after: c.after });
  }
  for (const c of named("team").filter((x) => x.op !== "delete")) {
    const t = desired.teams.find((x) => x.name === c.name)!;
    if (c.op === "create")
      ids.team.set(
        c.name,
        (await tx.team.create({ data: { name: t.name, description: t.description }, select: { id: true } })).id,
      );
    else await tx.team.update({ where: { id: need(ids.team, c.name) }, data: { description: t.description ?? null } });
    await setTeamMembers(tx, need(ids.team, c.name), [
      ...t.members.map((m) => ({ userId: need(ids.user, m), role: "member" as const })),
      ...t.maintainers.map((m) => ({ userId: need(ids.user, m), role: "maintainer" as const })),
    ]);
    await setTeamNamespaces(
      tx,
      need(ids.team, c.name),
      t.namespaces.map((n) => ({ pattern: n.pattern, registryId: n.registry ? need(ids.registry, n.registry) : null })),
    );
    record(c, { before: c.before, after: c.after });
  }
  for (const c of named("serviceAccount").filter((x) => x.op !== "delete")) {
    const a = desired.serviceAccounts.find((x) => x.name === c.name)!;
    const data = {
      description: a.description ?? null,
      disabled: a.disabled,
      teamId: a.team ? need(ids.team, a.team) : null,
    };
    if (c.op === "create")
      ids.serviceAccount.set(
        c.name,
        (await tx.serviceAccount.create({ data: { ...data, name: a.name }, select: { id: true } })).id,
      );
    else await tx.serviceAccount.update({ where: { id: need(ids.serviceAccount, c.name) }, data });
    record(c, { before: c.before, after: c.after });
  }
  for (const c of grants("delete")) {
    await tx.grant.deleteMany({ where: { id: { in: ids.grant.get(c.name) ?? [] } } });
    record(c, { before: c.grant });
  }
  for (const c of grants("create")) {
    const [type, name] = c.grant.subject.split(":");
    const subject =
      type === "user"
        ? { subjectType: "user" as const, userId: need(ids.user, name) }
        : type === "team"
          ? { subjectType: "team" as const, teamId: need(ids.team, name) }
          : type === "service-account"
            ? { subjectType: "service_account" as const, serviceAccountId: need(ids.serviceAccount, name) }
            : { subjectType: "public" as const };
    await tx.grant.create({
      data: {
        ...subject,
        repository: c.grant.repository,
        actions: c.grant.actions,
        expiresAt: c.grant.expiresAt ?? null,
        registryId: c.grant.registry ? need(ids.registry, c.grant.registry) : null,
        createdById: actor.actorKind === "user" ? actor.actorId : null,
      },
    });
    record(c, { after: c.grant });
  }
  for (const [kind, map] of [
    ["serviceAccount", ids.serviceAccount],
    ["team", ids.team],
    ["user", ids.user],
    ["registry", ids.registry],
  ] as const) {
    for (const c of named(kind, "delete")) {
      const where = { where: { id: need(map, c.name) } };
      if (kind === "serviceAccount") await tx.serviceAccount.delete(where);
      else if (kind === "team") await tx.team.delete(where);
      else if (kind === "user") await tx.user.delete(where);
      else await tx.registry.delete(where);
      record(c, { before: c.before });
    }
  }
  if (events.length) await appendAudit(tx, events);
}

/**
 * `portcullis apply`: the document's changes, shown exactly and made in one transaction (all or
 * nothing), each audited. `dryRun` shows them and changes nothing; `prune` also removes what the
 * document does not mention. A document that does not hold together is refused, lines named.
 */
export async function applyAccessConfig(
  caller: Caller,
  actor: AuditActor,
  text: string,
  opts: { dryRun: boolean; prune: boolean },
) {
  if (caller.kind !== "user") throw forbidden("a person applies the access configuration");
  const { document, lineOf } = readAccessDocument(text);
  const result = await transaction(async (tx) => {
    await lockForTransaction(tx, "access-config");
    const { doc, ids } = await current(tx);
    const problems = consistencyProblems(doc, document, opts.prune, caller.name, lineOf);
    if (problems.length) throw new DocumentError(problems);
    const changes = diffAccess(doc, document, opts.prune);
    if (!opts.dryRun) await applyChanges(tx, actor, changes, document, ids);
    return changes;
  });
  if (!opts.dryRun && result.some((c) => c.kind === "settings")) invalidateSettings();
  const created = result.filter((c) => c.kind === "user" && c.op === "create").map((c) => c.name);
  return {
    dryRun: opts.dryRun,
    applied: !opts.dryRun && result.length > 0,
    changes: result.map((c) => ({ op: c.op, kind: c.kind, name: c.name, summary: describeChange(c) })),
    notes: created.length
      ? [`new users have no password yet: send each a set-password link (Users): ${created.join(", ")}`]
      : [],
  };
}
