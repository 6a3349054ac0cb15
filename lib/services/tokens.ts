import type { Prisma } from "../db/client";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import { beyondCaller, covered, type MintedCredential } from "../auth/authority";
import type { Credential } from "../auth/credentials";
import { can } from "../auth/permissions";
import { mayRunTeam } from "../auth/delegation";
import { stewardOf } from "./stewardship";
import { serviceAccountFor } from "./teams";
import { transaction } from "../db/client";
import {
  createAccessToken,
  findTokenById,
  listTokensPage,
  revokeAccessTokens,
  rotateAccessToken,
  type TokenRow,
} from "../db/access-tokens";
import { loadServiceAccountRules, loadUserRules } from "../db/grants";
import type { Caller } from "../auth/caller";
import type { PageRequest } from "../db/paging";
import { actorOf } from "../audit/actor";
import { AppError, forbidden, notFound } from "../errors";
import { generateToken, hashToken, tokenPrefix } from "../registry/pat";
import type { GrantRule, TokenScopeRule } from "../registry/authorize";
import { getSettings } from "../settings";
import type { z } from "zod";
import type { CreateTokenInput, tokenView } from "../validation/token";

/** A token (or a device) is never given more than what its owner may do. */
export function checkOwnerRules(scopes: TokenScopeRule[] | undefined, ownerRules: readonly GrantRule[] | null) {
  for (const s of scopes ?? []) {
    for (const a of s.actions) {
      if (ownerRules && !covered(ownerRules, s.repository, a)) {
        throw new AppError(
          "validation_failed",
          `the owner has no ${a} grant covering ${s.repository}; a token cannot exceed its owner's access`,
        );
      }
    }
  }
}

/** Nor broader or longer-lived than the token of the request that creates or rotates it. */
export function assertWithinCaller(using: Credential | undefined, minted: MintedCredential): void {
  const why = beyondCaller(using, minted);
  if (why) throw new AppError("forbidden", why);
}

const usedCredential = (caller: Caller) => (caller.via === "session" ? undefined : caller.credential);

export async function mintToken(caller: Caller, input: CreateTokenInput, actor: AuditActor = actorOf(caller)) {
  if (caller.kind !== "user") throw forbidden("service accounts cannot mint tokens");
  const settings = await getSettings();

  let owner: { kind: "user"; id: string; name: string } | { kind: "service_account"; id: string; name: string };
  let ownerRules: readonly GrantRule[] | null;
  if (input.serviceAccount) {
    // Admins, and the maintainers of the service account's team: anyone else finds no such account.
    const sa = await serviceAccountFor(await stewardOf(caller, "tokens:manage_any"), input.serviceAccount);
    owner = { kind: "service_account", id: sa.id, name: sa.name };
    ownerRules = input.scopes ? await loadServiceAccountRules(sa.id) : null;
  } else {
    owner = { kind: "user", id: caller.id, name: caller.name };
    ownerRules = input.scopes && caller.role !== "admin" ? await loadUserRules(caller.id) : null;
  }
  checkOwnerRules(input.scopes, ownerRules);

  if (input.expiresInDays === null && !settings.allowNonExpiringTokens) {
    throw new AppError(
      "validation_failed",
      "tokens must expire: the administrator's policy does not allow tokens that never expire",
    );
  }
  if (input.expiresInDays !== null && input.expiresInDays > settings.maxTokenLifetimeDays) {
    throw new AppError(
      "validation_failed",
      `tokens may live at most ${settings.maxTokenLifetimeDays} days (administrator's policy)`,
    );
  }
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  assertWithinCaller(usedCredential(caller), { expiresAt, scopes: input.scopes });

  const { row, secret } = await transaction((tx) =>
    issueToken(tx, actor, owner, { name: input.name, scopes: input.scopes, expiresAt, createdById: caller.id }),
  );
  return { ...present(row), owner: owner.name, token: secret };
}

type TokenOwner = { kind: "user"; id: string; name: string } | { kind: "service_account"; id: string; name: string };

/** A fresh secret of the owner's kind (pct_ for people, pcr_ for robots). */
export const newTokenSecret = (owner: { kind: "user" | "service_account" }) =>
  generateToken(owner.kind === "user" ? "pct" : "pcr");

/** Creates one token and its audit record inside the caller's transaction; the secret is returned once. */
export async function issueToken(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  owner: TokenOwner,
  t: { name: string; scopes?: TokenScopeRule[]; expiresAt: Date | null; createdById: string | null; secret?: string },
) {
  const secret = t.secret ?? newTokenSecret(owner);
  const row = await createAccessToken(tx, {
    name: t.name,
    prefix: tokenPrefix(secret),
    secretHash: hashToken(secret),
    scopes: t.scopes as Prisma.InputJsonValue | undefined,
    expiresAt: t.expiresAt,
    ...(owner.kind === "user" ? { userId: owner.id } : { serviceAccountId: owner.id }),
    createdById: t.createdById,
  });
  await appendAudit(tx, [
    {
      ...actor,
      action: "token.create",
      outcome: "success",
      details: {
        tokenId: row.id,
        prefix: row.prefix,
        name: row.name,
        owner: owner.name,
        ownerKind: owner.kind,
        scopes: t.scopes ?? "owner",
        expiresAt: t.expiresAt,
      },
    },
  ]);
  return { row, secret };
}

export function present(t: TokenRow): z.output<typeof tokenView> {
  const now = Date.now();
  const status = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt.getTime() <= now ? "expired" : "active";
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes:
      (t.scopes as TokenScopeRule[] | null)?.map((r) => ({ repository: r.repository, actions: [...r.actions] })) ??
      null,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    lastUsedIp: t.lastUsedIp,
    revokedAt: t.revokedAt,
    createdAt: t.createdAt,
    status,
    owner: t.user?.username ?? t.serviceAccount?.name ?? null,
    ownerKind: t.serviceAccountId ? "service-account" : "user",
    expiringSoon: status === "active" && t.expiresAt !== null && t.expiresAt.getTime() - now < 7 * 86_400_000,
  };
}

/** The caller's own tokens; with `all`, everyone's (admins and auditors). */
export async function listTokensFor(caller: Caller, opts: { all?: boolean; userId?: string } & PageRequest) {
  if (caller.kind !== "user") throw forbidden();
  if ((opts.all || (opts.userId && opts.userId !== caller.id)) && !can(caller.role, "tokens:read_any"))
    throw forbidden();
  const where = opts.all ? {} : { userId: opts.userId ?? caller.id };
  const { items, nextCursor } = await listTokensPage(where, opts);
  return { tokens: items.map(present), nextCursor };
}

/**
 * The token, if the caller may use `permission` on it: their own, anyone's when their role holds
 * the permission, a service account's when they maintain its team; 404 otherwise (someone else's
 * ids are not revealed).
 */
async function tokenFor(caller: Caller, id: string, permission: "tokens:manage_any" | "tokens:read_any") {
  if (caller.kind !== "user") throw notFound("token");
  const t = await findTokenById(id);
  if (!t) throw notFound("token");
  if (t.userId === caller.id || can(caller.role, permission)) return t;
  if (t.serviceAccountId && mayRunTeam(await stewardOf(caller, permission), t.serviceAccount?.team?.name ?? null))
    return t;
  throw notFound("token");
}

const manageable = (caller: Caller, id: string) => tokenFor(caller, id, "tokens:manage_any");

/** One token the caller may see: their own, anyone's for admins and auditors, their teams' robots'; 404 otherwise. */
export async function getToken(caller: Caller, id: string) {
  return present(await tokenFor(caller, id, "tokens:read_any"));
}

export async function revokeToken(caller: Caller, id: string, actor: AuditActor = actorOf(caller)) {
  const t = await manageable(caller, id);
  if (t.revokedAt) return present(t);
  await transaction(async (tx) => {
    await revokeAccessTokens(tx, { id });
    await appendAudit(tx, [
      {
        ...actor,
        action: "token.revoke",
        outcome: "success",
        details: { tokenId: t.id, prefix: t.prefix, name: t.name },
      },
    ]);
  });
  return present((await findTokenById(id))!);
}

/**
 * A new secret for the same token; the old one keeps working for the grace period. The secret goes
 * only to whoever may hold it: a person's token is rotated by that person alone (an administrator
 * revokes it instead), a service account's by those who manage service accounts. A token used to
 * ask cannot rotate one that outlives it or reaches further.
 */
export async function rotateToken(caller: Caller, id: string, graceHours: number, actor: AuditActor = actorOf(caller)) {
  const t = await manageable(caller, id);
  if (t.userId && t.userId !== caller.id) {
    throw forbidden(
      `only ${t.user?.username ?? "its owner"} can rotate this token and receive its new secret; revoke it instead`,
    );
  }
  if (t.revokedAt) throw new AppError("conflict", "a revoked token cannot be rotated");
  assertWithinCaller(usedCredential(caller), {
    expiresAt: t.expiresAt,
    scopes: (t.scopes as TokenScopeRule[] | null) ?? undefined,
  });
  const secret = generateToken(t.serviceAccountId ? "pcr" : "pct");
  const graceUntil = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
  const row = await transaction(async (tx) => {
    const r = await rotateAccessToken(tx, id, {
      prefix: tokenPrefix(secret),
      secretHash: hashToken(secret),
      keepPreviousUntil: graceUntil,
    });
    await appendAudit(tx, [
      {
        ...actor,
        action: "token.rotate",
        outcome: "success",
        details: { tokenId: id, prefix: r.prefix, previousPrefix: t.prefix, graceUntil },
      },
    ]);
    return r;
  });
  return { ...present(row), token: secret };
}
