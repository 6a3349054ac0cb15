import type { Prisma } from "./client";
import { db } from "./client";
import { paged, type PageRequest } from "./paging";

type Tx = Prisma.TransactionClient;

/** Never includes the secret hash. */
export const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  graceUntil: true,
  createdAt: true,
  userId: true,
  serviceAccountId: true,
  createdById: true,
  user: { select: { username: true } },
  serviceAccount: { select: { name: true, team: { select: { name: true } } } },
} as const;
export type TokenRow = Prisma.AccessTokenGetPayload<{ select: typeof tokenSelect }>;

export function findTokenById(id: string) {
  return db().accessToken.findUnique({ where: { id }, select: tokenSelect });
}

const tokenOrder = [
  { createdAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.AccessTokenOrderByWithRelationInput[];

export function listTokens(where: Prisma.AccessTokenWhereInput) {
  return db().accessToken.findMany({ where, select: tokenSelect, orderBy: tokenOrder });
}

/** One page of the tokens matching `where`, newest first. */
export function listTokensPage(where: Prisma.AccessTokenWhereInput, page: PageRequest) {
  return paged(page, (p) => db().accessToken.findMany({ where, select: tokenSelect, orderBy: tokenOrder, ...p }));
}

export function createAccessToken(
  tx: Tx,
  data: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: Prisma.InputJsonValue | undefined;
    expiresAt: Date | null;
    userId?: string;
    serviceAccountId?: string;
    createdById?: string | null;
  },
) {
  return tx.accessToken.create({ data, select: tokenSelect });
}

export function revokeAccessTokens(tx: Tx, where: Prisma.AccessTokenWhereInput) {
  return tx.accessToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** A new secret; the previous one keeps working until `keepPreviousUntil` (null: at once no more). */
export async function rotateAccessToken(
  tx: Tx,
  id: string,
  data: { prefix: string; secretHash: string; keepPreviousUntil: Date | null },
) {
  const current = await tx.accessToken.findUniqueOrThrow({ where: { id }, select: { secretHash: true } });
  return tx.accessToken.update({
    where: { id },
    data: {
      prefix: data.prefix,
      secretHash: data.secretHash,
      graceSecretHash: data.keepPreviousUntil ? current.secretHash : null,
      graceUntil: data.keepPreviousUntil,
    },
    select: tokenSelect,
  });
}

/** Last use, written at most once a minute per token and address so the hot path stays cheap. */
export function touchAccessToken(id: string, ip: string | null) {
  return db().accessToken.update({
    where: { id },
    data: { lastUsedAt: new Date(), lastUsedIp: ip },
    select: { id: true },
  });
}

/** Live tokens of a user that expire within `days`: flagged to their owner on every page. */
export function countExpiringTokens(userId: string, days = 7) {
  const now = new Date();
  return db().accessToken.count({
    where: { userId, revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + days * 86_400_000) } },
  });
}

/** One token with its owner, for the simulator. */
export function findTokenWithOwner(id: string) {
  return db().accessToken.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, username: true, role: true, disabled: true } },
      serviceAccount: { select: { id: true, name: true, disabled: true } },
    },
  });
}

const live = (now: Date) => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

/** A person's tokens still in force. */
export function listLiveTokens(userId: string, now = new Date()) {
  return listTokens({ userId, ...live(now) });
}

/** Tokens of service accounts that this person created and that are still in force. */
export function listLiveRobotTokensCreatedBy(userId: string, now = new Date()) {
  return db().accessToken.findMany({
    where: { serviceAccountId: { not: null }, createdById: userId, ...live(now) },
    select: {
      id: true,
      name: true,
      prefix: true,
      expiresAt: true,
      lastUsedAt: true,
      serviceAccount: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

export function countLiveRefreshTokens(userId: string, now = new Date()) {
  return db().refreshToken.count({ where: { userId, revokedAt: null, expiresAt: { gt: now } } });
}
