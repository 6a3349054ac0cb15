import type { z } from "zod";
import { appendAudit } from "../audit/write";
import type { AuditAction, AuditActor } from "../audit/types";
import type { Caller } from "../auth/caller";
import {
  createAccessRequest,
  findAccessRequest,
  listAccessRequestsPage,
  listOpenRequestsOf,
  openRequest,
  updateAccessRequest,
  type AccessRequestRow,
} from "../db/access-requests";
import { transaction, type Prisma } from "../db/client";
import { loadUserRules } from "../db/grants";
import { lockForTransaction } from "../db/locks";
import { conflict, forbidden, notFound } from "../errors";
import type { PageRequest } from "../db/paging";
import { approvalOverreach, duplicateOf, satisfiedMessage } from "../registry/access-request-rules";
import {
  ACCESS_REQUEST_DAYS,
  MAX_OPEN_REQUESTS,
  type accessRequestView,
  type ApproveAccessRequestInput,
  type CreateAccessRequestInput,
  type DenyAccessRequestInput,
} from "../validation/access-request";
import { insertGrant, registryByName } from "./grants";
import { grantRefusal, overseesRepository, type Steward } from "../auth/delegation";

type Status = z.output<typeof accessRequestView>["status"];

/** A pending request past its expiry reads as expired, whether or not the sweep has marked it yet. */
export function presentAccessRequest(r: AccessRequestRow, now = new Date()): z.output<typeof accessRequestView> {
  const status: Status = r.status === "pending" && r.expiresAt <= now ? "expired" : r.status;
  return {
    id: r.id,
    requester: r.requester.username,
    repository: r.repository,
    actions: r.actions,
    reason: r.reason,
    status,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt,
    note: r.note,
    granted:
      r.status === "approved" && r.grantedRepository
        ? {
            grant: r.grantId,
            repository: r.grantedRepository,
            actions: r.grantedActions,
            expiresAt: r.grantExpiresAt,
          }
        : null,
  };
}

const person = (caller: Caller) => {
  if (caller.kind !== "user") throw forbidden("service accounts cannot request access: a person asks for them");
  return caller;
};

const audited = (tx: Prisma.TransactionClient, actor: AuditActor, action: AuditAction, r: AccessRequestRow) =>
  appendAudit(tx, [
    {
      ...actor,
      action,
      outcome: "success",
      repository: r.repository,
      details: { request: presentAccessRequest(r) },
    },
  ]);

/** Why a request can no longer be answered, in words for the person looking at it. */
function closedMessage(r: AccessRequestRow, now = new Date()): string | null {
  const status = presentAccessRequest(r, now).status;
  if (status === "pending") return null;
  if (status === "expired") return `this request expired on ${r.expiresAt.toISOString()} without an answer`;
  if (status === "withdrawn") return "the requester withdrew this request";
  return `this request was already ${status}${r.decidedByName ? ` by ${r.decidedByName}` : ""}`;
}

/**
 * A person asks for actions on a repository or pattern. Refused with the reason when they already
 * have it, when a pending request of theirs already asks for it, or when too many are open.
 */
export async function requestAccess(caller: Caller, actor: AuditActor, input: CreateAccessRequestInput) {
  const me = person(caller);
  return transaction(async (tx) => {
    await lockForTransaction(tx, `access-request:${me.id}`);
    const satisfied = satisfiedMessage(await loadUserRules(me.id), me.role === "admin", input);
    if (satisfied) throw conflict(satisfied);
    const open = await listOpenRequestsOf(tx, me.id);
    const dup = duplicateOf(open, input);
    if (dup)
      throw conflict(
        `you already asked for ${dup.actions.join(", ")} on ${dup.repository} on ${dup.createdAt.toISOString().slice(0, 10)}: it is still waiting for an answer`,
      );
    if (open.length >= MAX_OPEN_REQUESTS)
      throw conflict(`you have ${open.length} unanswered requests: withdraw some before asking for more`);
    const r = await createAccessRequest(tx, {
      requesterId: me.id,
      repository: input.repository,
      actions: input.actions,
      reason: input.reason,
      expiresAt: new Date(Date.now() + ACCESS_REQUEST_DAYS * 86_400_000),
    });
    await audited(tx, actor, "access_request.create", r);
    return presentAccessRequest(r);
  });
}

/** The requester takes back a pending request. Someone else's request is not found. */
export async function withdrawAccessRequest(caller: Caller, actor: AuditActor, id: string) {
  const me = person(caller);
  return transaction(async (tx) => {
    await lockForTransaction(tx, `access-request:${id}`);
    const r = await findAccessRequest({ id, requesterId: me.id }, tx);
    if (!r) throw notFound("access request");
    const closed = closedMessage(r);
    if (closed) throw conflict(closed);
    const done = await updateAccessRequest(tx, id, { status: "withdrawn", decidedAt: new Date() });
    await audited(tx, actor, "access_request.withdraw", done);
    return presentAccessRequest(done);
  });
}

/** A request that can still be answered, under its lock, or the reason it cannot (someone else's namespace: 404). */
async function openForDecision(tx: Prisma.TransactionClient, steward: Steward, id: string) {
  await lockForTransaction(tx, `access-request:${id}`);
  const r = await findAccessRequest({ id }, tx);
  if (!r || !overseesRepository(steward, r.repository)) throw notFound("access request");
  const closed = closedMessage(r);
  if (closed) throw conflict(closed);
  return r;
}

/**
 * Approval: the grant (what was asked, or narrower, optionally until a time) is created in the same
 * transaction that marks the request approved, and both are audited together.
 */
export async function approveAccessRequest(
  actor: AuditActor,
  steward: Steward,
  id: string,
  input: ApproveAccessRequestInput,
) {
  const registry = await registryByName(input.registry);
  return transaction(async (tx) => {
    const r = await openForDecision(tx, steward, id);
    if (r.requester.disabled) throw conflict(`${r.requester.username}'s account is disabled: enable it first, or deny`);
    const give = {
      repository: input.repository ?? r.repository,
      actions: input.actions ?? r.actions,
      registryId: registry?.id ?? null,
    };
    const overreach = approvalOverreach(r, give);
    if (overreach) throw conflict(overreach);
    const refusal = grantRefusal(
      steward,
      { repository: give.repository, registry: registry?.name ?? null },
      { type: "user", name: r.requester.username },
    );
    if (refusal) throw forbidden(refusal);
    const grant = await insertGrant(
      tx,
      actor,
      { type: "user", id: r.requesterId, name: r.requester.username },
      { ...give, expiresAt: input.expiresAt ?? null },
      { accessRequest: r.id },
    );
    const done = await updateAccessRequest(tx, id, {
      status: "approved",
      decidedById: actor.actorKind === "user" ? actor.actorId : null,
      decidedByName: actor.actorName,
      decidedAt: new Date(),
      note: input.note || null,
      grantId: grant.id,
      grantedRepository: grant.repository,
      grantedActions: grant.actions,
      grantExpiresAt: grant.expiresAt,
    });
    await audited(tx, actor, "access_request.approve", done);
    return presentAccessRequest(done);
  });
}

export async function denyAccessRequest(
  actor: AuditActor,
  steward: Steward,
  id: string,
  input: DenyAccessRequestInput,
) {
  return transaction(async (tx) => {
    await openForDecision(tx, steward, id);
    const done = await updateAccessRequest(tx, id, {
      status: "denied",
      decidedById: actor.actorKind === "user" ? actor.actorId : null,
      decidedByName: actor.actorName,
      decidedAt: new Date(),
      note: input.note,
    });
    await audited(tx, actor, "access_request.deny", done);
    return presentAccessRequest(done);
  });
}

/** The `where` of a status filter, reading lapsed pending requests as expired. */
function statusWhere(status: Status | "all"): Prisma.AccessRequestWhereInput {
  const now = new Date();
  if (status === "all") return {};
  if (status === "pending") return openRequest(now);
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "pending", expiresAt: { lte: now } }] };
  return { status };
}

/** Requests by age: all of them for admins and auditors, those inside their namespaces for maintainers (one page). */
export async function listAccessRequests(steward: Steward, status: Status | "all", page: PageRequest) {
  if (steward.admin) {
    const { items, nextCursor } = await listAccessRequestsPage(statusWhere(status), page);
    return { requests: items.map((r) => presentAccessRequest(r)), nextCursor };
  }
  const { items } = await listAccessRequestsPage(statusWhere(status), { limit: 5000 });
  const mine = items.filter((r) => overseesRepository(steward, r.repository));
  return { requests: mine.map((r) => presentAccessRequest(r)), nextCursor: null };
}

export async function listMyAccessRequests(caller: Caller, page: PageRequest) {
  const { items, nextCursor } = await listAccessRequestsPage({ requesterId: person(caller).id }, page);
  return { requests: items.map((r) => presentAccessRequest(r)), nextCursor };
}

/** One request: the requester's own (requesterId given), or one the steward oversees; anything else is 404. */
export async function getAccessRequest(id: string, who: { requesterId: string } | { steward: Steward }) {
  const r = await findAccessRequest("requesterId" in who ? { id, requesterId: who.requesterId } : { id });
  if (!r || ("steward" in who && !overseesRepository(who.steward, r.repository))) throw notFound("access request");
  return presentAccessRequest(r);
}
