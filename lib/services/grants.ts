import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { transaction, type Tx } from "../db/client";
import {
  createGrant,
  deleteGrant,
  findGrantById,
  grantSubjectWhere,
  listGrants,
  liveGrant,
  type GrantRow,
} from "../db/grants";
import { lockForTransaction } from "../db/locks";
import { findServiceAccountByName } from "../db/service-accounts";
import { findTeamByName } from "../db/teams";
import { findUserByUsername } from "../db/users";
import { conflict, notFound } from "../errors";
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
  };
}

export async function resolveSubject(s: GrantSubjectInput): Promise<{ type: SubjectKind; id?: string; name: string }> {
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
      return { type: "service_account", id: a.id, name: a.name };
    }
    case "public":
      return { type: "public", name: "everyone" };
  }
}

/** Whether `cover` already gives everything `wanted` asks for, for at least as long. */
function covers(cover: GrantRow, wanted: { repository: string; actions: string[]; expiresAt?: Date | null }) {
  const lastsLongEnough =
    cover.expiresAt === null || (wanted.expiresAt != null && cover.expiresAt.getTime() >= wanted.expiresAt.getTime());
  return (
    lastsLongEnough &&
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
  input: { repository: string; actions: string[]; expiresAt?: Date | null },
  details: Record<string, unknown> = {},
) {
  // Checked under a per-subject lock: identical requests in parallel, on one instance or many, make one grant.
  await lockForTransaction(tx, `grant:${subject.type}:${subject.id ?? "everyone"}`);
  const existing = await listGrants({ AND: [grantSubjectWhere(subject), liveGrant()] }, tx);
  const cover = existing.find((g) => covers(g, input));
  if (cover) {
    const until = cover.expiresAt ? ` until ${cover.expiresAt.toISOString()}` : "";
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

export async function addGrant(actor: AuditActor, input: CreateGrantInput) {
  const subject = await resolveSubject(input.subject);
  return transaction((tx) => insertGrant(tx, actor, subject, input));
}

export async function removeGrant(actor: AuditActor, id: string) {
  const before = await findGrantById(id);
  if (!before) throw notFound("grant");
  return transaction(async (tx) => {
    const g = await deleteGrant(tx, id);
    const out = presentGrant(g);
    await appendAudit(tx, [
      { ...actor, action: "grant.delete", outcome: "success", repository: g.repository, details: { before: out } },
    ]);
    return out;
  });
}
