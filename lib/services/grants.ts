import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction, type Tx } from "../db/client";
import {
  createGrant,
  deleteGrant,
  findGrantById,
  grantSubjectWhere,
  listGrants,
  listGrantsPage,
  liveGrant,
  type GrantRow,
} from "../db/grants";
import { lockForTransaction } from "../db/locks";
import { findServiceAccountByName } from "../db/service-accounts";
import { AppError } from "../errors";
import { findTeamByName } from "../db/teams";
import { findUserByUsername } from "../db/users";
import { conflict, forbidden, notFound } from "../errors";
import { grantRefusal, revokeRefusal, type DelegatedSubject, type Steward, type Target } from "../auth/delegation";
import { findRegistryByName } from "../db/registries";
import type { SubjectKind } from "../registry/authorize";
import { patternCovers } from "../registry/names";
import type { z } from "zod";
import type { CreateGrantInput, GrantSubjectInput, grantView } from "../validation/grant";

export function presentGrant(g: GrantRow): z.output<typeof grantView> {
  const subject =
    g.subjectType === "user"
      ? { type: "user" as const, name: g.user?.username }
      : g.subjectType === "team"
        ? { type: "team" as const, name: g.team?.name }
        : g.subjectType === "service_account"
          ? { type: "service-account" as const, name: g.serviceAccount?.name }
          : { type: "public" as const };
  return {
    id: g.id,
    subject,
    repository: g.repository,
    actions: g.actions,
    createdAt: g.createdAt,
    expiresAt: g.expiresAt,
    registry: g.registry?.name ?? null,
  };
}

/** Where a stored grant applies and to whom, as delegation sees it. */
export function grantTarget(g: GrantRow): { target: Target; subject: DelegatedSubject } {
  const target = { repository: g.repository, registry: g.registry?.name ?? null };
  switch (g.subjectType) {
    case "user":
      return { target, subject: { type: "user", name: g.user?.username ?? "" } };
    case "team":
      return { target, subject: { type: "team", name: g.team?.name ?? "" } };
    case "service_account":
      return {
        target,
        subject: {
          type: "service_account",
          name: g.serviceAccount?.name ?? "",
          team: g.serviceAccount?.team?.name ?? null,
        },
      };
    default:
      return { target, subject: { type: "public" } };
  }
}

/** Whether the steward may see and revoke this grant (admins: all; maintainers: inside their namespaces). */
export function oversees(steward: Steward, g: GrantRow): boolean {
  const { target, subject } = grantTarget(g);
  return revokeRefusal(steward, target, subject) === null;
}

/** A registry named in an input, or 422 saying which registries exist. */
export async function registryByName(name: string | undefined): Promise<{ id: string; name: string } | null> {
  if (name === undefined) return null;
  const r = await findRegistryByName(name);
  if (!r)
    throw new AppError(
      "validation_failed",
      `no registry named "${name}": name one from the Registry page, or leave it out for every registry`,
    );
  return { id: r.id, name: r.name };
}

export async function resolveSubject(
  s: GrantSubjectInput,
): Promise<{ type: SubjectKind; id?: string; name: string; team?: string | null }> {
  switch (s.type) {
    case "user": {
      const u = await findUserByUsername(s.name);
      if (!u) throw notFound(`user "${s.name}"`);
      return { type: "user", id: u.id, name: u.username };
    }
    case "team": {
      const t = await findTeamByName(s.name);
      if (!t) throw notFound(`team "${s.name}"`);
      return { type: "team", id: t.id, name: t.name };
    }
    case "service-account": {
      const a = await findServiceAccountByName(s.name);
      if (!a) throw notFound(`service account "${s.name}"`);
      return { type: "service_account", id: a.id, name: a.name, team: a.team?.name ?? null };
    }
    case "public":
      return { type: "public", name: "everyone" };
  }
}

type GrantInput = { repository: string; actions: string[]; expiresAt?: Date | null; registryId?: string | null };

/** Whether `cover` already gives everything `wanted` asks for, for at least as long, on every registry it asks for. */
function covers(cover: GrantRow, wanted: GrantInput) {
  const lastsLongEnough =
    cover.expiresAt === null || (wanted.expiresAt != null && cover.expiresAt.getTime() >= wanted.expiresAt.getTime());
  const everywhereWanted = !cover.registry || cover.registry.id === (wanted.registryId ?? null);
  return (
    lastsLongEnough &&
    everywhereWanted &&
    patternCovers(cover.repository, wanted.repository) &&
    wanted.actions.every((a) => cover.actions.includes(a))
  );
}

export type GrantSubject = Awaited<ReturnType<typeof resolveSubject>>;

/**
 * A grant created inside the caller's transaction, audited as `grant.create` (with `details` added).
 * One that an existing grant of the same subject already covers is refused, saying which.
 */
export async function insertGrant(
  tx: Tx,
  actor: AuditActor,
  subject: GrantSubject,
  input: GrantInput,
  details: Record<string, unknown> = {},
) {
  // Checked under a per-subject lock: identical requests in parallel, on one instance or many, make one grant.
  await lockForTransaction(tx, `grant:${subject.type}:${subject.id ?? "everyone"}`);
  const existing = await listGrants({ AND: [grantSubjectWhere(subject), liveGrant()] }, tx);
  const cover = existing.find((g) => covers(g, input));
  if (cover) {
    const until =
      (cover.expiresAt ? ` until ${cover.expiresAt.toISOString()}` : "") +
      (cover.registry ? ` on ${cover.registry.name}` : "");
    throw conflict(
      cover.repository === input.repository && cover.actions.length === input.actions.length
        ? `this grant already exists (${cover.repository}: ${cover.actions.join(", ")}${until})`
        : `already covered by the grant on ${cover.repository} (${cover.actions.join(", ")}${until})`,
    );
  }
  const g = await createGrant(tx, {
    subjectType: subject.type,
    ...(subject.type === "user" ? { userId: subject.id } : {}),
    ...(subject.type === "team" ? { teamId: subject.id } : {}),
    ...(subject.type === "service_account" ? { serviceAccountId: subject.id } : {}),
    repository: input.repository,
    actions: input.actions,
    expiresAt: input.expiresAt ?? null,
    registryId: input.registryId ?? null,
    createdById: actor.actorKind === "user" ? actor.actorId : null,
  });
  const out = presentGrant(g);
  await appendAudit(tx, [
    {
      ...actor,
      action: "grant.create",
      outcome: "success",
      repository: g.repository,
      details: { after: out, ...details },
    },
  ]);
  return out;
}

/** The subject as delegation sees it. */
export function delegatedSubject(s: GrantSubject): DelegatedSubject {
  if (s.type === "service_account") return { type: "service_account", name: s.name, team: s.team ?? null };
  return s.type === "public" ? { type: "public" } : { type: s.type, name: s.name };
}

/** A grant made by an admin, or by a team maintainer inside the team's namespaces (else 403 with the reason). */
export async function addGrant(actor: AuditActor, steward: Steward, input: CreateGrantInput) {
  const registry = await registryByName(input.registry);
  const subject = await resolveSubject(input.subject);
  const refusal = grantRefusal(
    steward,
    { repository: input.repository, registry: registry?.name ?? null },
    delegatedSubject(subject),
  );
  if (refusal) throw forbidden(refusal);
  return transaction((tx) => insertGrant(tx, actor, subject, { ...input, registryId: registry?.id ?? null }));
}

/** A grant the steward oversees, or 404: someone else's grants do not exist for them. */
export async function grantOr404(steward: Steward, id: string) {
  const g = await findGrantById(id);
  if (!g || !oversees(steward, g)) throw notFound("grant");
  return g;
}

export async function removeGrant(actor: AuditActor, steward: Steward, id: string) {
  await grantOr404(steward, id);
  return transaction(async (tx) => {
    const g = await deleteGrant(tx, id);
    const out = presentGrant(g);
    await appendAudit(tx, [
      { ...actor, action: "grant.delete", outcome: "success", repository: g.repository, details: { before: out } },
    ]);
    return out;
  });
}

/** The most grants a maintainer's list filters through (their namespaces are checked per grant, in memory). */
const DELEGATED_SCAN = 5000;

/**
 * Grants by repository: every grant for admins and auditors (paged), the grants inside the
 * namespaces of the teams they maintain for maintainers (one page).
 */
export async function listVisibleGrants(
  steward: Steward,
  query: { repository?: string; subject?: string; cursor?: string; limit: number },
) {
  const where = {
    ...(query.repository ? { repository: { contains: query.repository } } : {}),
    ...(query.subject
      ? {
          OR: [
            { user: { username: query.subject } },
            { team: { name: query.subject } },
            { serviceAccount: { name: query.subject } },
          ],
        }
      : {}),
  };
  if (steward.admin) {
    const { items, nextCursor } = await listGrantsPage(where, query);
    return { grants: items.map(presentGrant), nextCursor };
  }
  const mine = (await listGrantsPage(where, { limit: DELEGATED_SCAN })).items.filter((g) => oversees(steward, g));
  return { grants: mine.map(presentGrant), nextCursor: null };
}
