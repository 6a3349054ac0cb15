import { db, type Prisma, type Tx } from "./client";

export function createRefreshToken(
  data: {
    secretHash: string;
    service: string;
    clientId?: string;
    userAgent?: string;
    clientIp?: string;
    expiresAt: Date;
    accessTokenId?: string;
    userId?: string;
    serviceAccountId?: string;
    origin?: "login" | "device";
    scopes?: Prisma.InputJsonValue;
    deviceName?: string | null;
  },
  tx: Tx = db(),
) {
  return tx.refreshToken.create({ data, select: { id: true } });
}

/** A refresh token by its secret's hash, with its owner and the access token it came from. */
export async function findRefreshToken(secretHash: string) {
  const row = await db().refreshToken.findUnique({
    where: { secretHash },
    select: {
      id: true,
      service: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      lastUsedAt: true,
      accessTokenId: true,
      scopes: true,
      user: { select: { id: true, username: true, role: true, disabled: true, passwordChangedAt: true } },
      serviceAccount: { select: { id: true, name: true, disabled: true } },
    },
  });
  if (!row) return null;
  const accessToken = row.accessTokenId
    ? await db().accessToken.findUnique({
        where: { id: row.accessTokenId },
        select: { revokedAt: true, expiresAt: true, scopes: true },
      })
    : null;
  return { ...row, accessToken };
}

/** Every refresh token of a person still in force, revoked now; returns how many. */
export function revokeRefreshTokens(tx: Tx, userId: string, now = new Date()) {
  return tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

const signedInSelect = {
  id: true,
  service: true,
  clientId: true,
  userAgent: true,
  clientIp: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  accessTokenId: true,
  origin: true,
  scopes: true,
  deviceName: true,
} as const;

/** A person's refresh tokens not revoked nor past their lifetime (newest first), and when their password changed. */
export async function listRefreshTokensOf(userId: string, now = new Date()) {
  const [rows, user] = await Promise.all([
    db().refreshToken.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      select: signedInSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
    }),
    db().user.findUnique({ where: { id: userId }, select: { passwordChangedAt: true } }),
  ]);
  return { rows, passwordChangedAt: user?.passwordChangedAt ?? null };
}

/** A renewal: when and from where (the caller limits how often this is written). */
export function touchRefreshToken(id: string, ip: string, now = new Date()) {
  return db().refreshToken.update({ where: { id }, data: { lastUsedAt: now, lastUsedIp: ip }, select: { id: true } });
}

/** Revokes the refresh tokens in force that match `where` (one person's, one by id); returns them. */
export async function revokeRefreshTokensWhere(tx: Tx, where: Prisma.RefreshTokenWhereInput, now = new Date()) {
  const rows = await tx.refreshToken.findMany({ where: { ...where, revokedAt: null }, select: signedInSelect });
  await tx.refreshToken.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: now } });
  return rows;
}
