import { db, type Tx } from "./client";

export function createRefreshToken(data: {
  secretHash: string;
  service: string;
  clientId?: string;
  expiresAt: Date;
  accessTokenId?: string;
  userId?: string;
  serviceAccountId?: string;
}) {
  return db().refreshToken.create({ data, select: { id: true } });
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
      accessTokenId: true,
      user: { select: { id: true, username: true, role: true, disabled: true } },
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

const signedInSelect = { id: true, service: true, clientId: true, createdAt: true, expiresAt: true } as const;

/** A person's refresh tokens still in force (their signed-in registry clients), newest first. */
export function listLiveRefreshTokensOf(userId: string, now = new Date()) {
  return db().refreshToken.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    select: signedInSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}

/** Revokes the refresh tokens of `userId` among `ids` (all of them when `ids` is undefined); returns them. */
export async function revokeRefreshTokensOf(tx: Tx, userId: string, ids?: string[], now = new Date()) {
  const where = { userId, revokedAt: null, ...(ids ? { id: { in: ids } } : {}) };
  const rows = await tx.refreshToken.findMany({ where, select: signedInSelect });
  await tx.refreshToken.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: now } });
  return rows;
}
