import type { Prisma } from "./client";
import { db } from "./client";
import type { Role } from "../validation/common";

type Tx = Prisma.TransactionClient;

/** The fields any caller may see: never the password hash. */
export const publicUserSelect = {
  id: true,
  username: true,
  email: true,
  displayName: true,
  role: true,
  disabled: true,
  lastLoginAt: true,
  source: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type PublicUser = Prisma.UserGetPayload<{ select: typeof publicUserSelect }>;

export function findUserById(id: string) {
  return db().user.findUnique({ where: { id }, select: { ...publicUserSelect, sessionsValidAfter: true } });
}

export function findUserByUsername(username: string) {
  return db().user.findUnique({ where: { username }, select: publicUserSelect });
}

export function countUsers(tx: Tx = db()): Promise<number> {
  return tx.user.count();
}

export function createUser(
  tx: Tx,
  data: { username: string; passwordHash: string; role: Role; email?: string; displayName?: string },
) {
  return tx.user.create({ data, select: publicUserSelect });
}

export function updateUser(tx: Tx, id: string, data: Prisma.UserUpdateInput) {
  return tx.user.update({ where: { id }, data, select: publicUserSelect });
}

export function deleteUser(tx: Tx, id: string) {
  return tx.user.delete({ where: { id }, select: publicUserSelect });
}

/** One page of users by username (`cursor`: the last username of the previous page), and how many match in all. */
export async function listUsers(opts: {
  search?: string;
  role?: Role;
  disabled?: boolean;
  cursor?: string;
  limit: number;
}) {
  const where: Prisma.UserWhereInput = {
    ...(opts.search
      ? {
          OR: [
            { username: { contains: opts.search, mode: "insensitive" } },
            { email: { contains: opts.search, mode: "insensitive" } },
            { displayName: { contains: opts.search, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(opts.role ? { role: opts.role } : {}),
    ...(opts.disabled !== undefined ? { disabled: opts.disabled } : {}),
  };
  const [rows, total] = await db().$transaction([
    db().user.findMany({
      where: opts.cursor ? { AND: [where, { username: { gt: opts.cursor } }] } : where,
      select: publicUserSelect,
      orderBy: { username: "asc" },
      take: opts.limit + 1,
    }),
    db().user.count({ where }),
  ]);
  const users = rows.slice(0, opts.limit);
  return { users, total, nextCursor: rows.length > opts.limit ? users[users.length - 1].username : null };
}

export function recordLogin(id: string) {
  return db().user.update({ where: { id }, data: { lastLoginAt: new Date() }, select: { id: true } });
}

/** Enabled administrators other than `exceptId`: there must always be one. */
export function countOtherAdmins(exceptId: string) {
  return db().user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
}

/** What deleting a user shows first: the user and how many tokens go with them. */
export function findUserForDeletion(id: string) {
  return db().user.findUnique({ where: { id }, select: { ...publicUserSelect, _count: { select: { tokens: true } } } });
}

/** Enabled people, by name (for generated files). */
export function listEnabledUsers(where: Prisma.UserWhereInput = {}) {
  return db().user.findMany({
    where: { disabled: false, ...where },
    select: { id: true, username: true },
    orderBy: { username: "asc" },
  });
}

/** A user's one-time set-password link (its hash) and when it expires. */
export function setPasswordSetup(tx: Tx, userId: string, secretHash: string, expiresAt: Date) {
  return tx.user.update({
    where: { id: userId },
    data: { passwordSetupHash: secretHash, passwordSetupExpiresAt: expiresAt },
    select: { id: true },
  });
}

/** The user a set-password link belongs to (by its hash). */
export function findUserBySetupHash(secretHash: string) {
  return db().user.findUnique({
    where: { passwordSetupHash: secretHash },
    select: { id: true, username: true, disabled: true, passwordSetupExpiresAt: true },
  });
}

/** Uses a set-password link once: only while the same hash is stored, so two uses cannot both win. Returns whether it did. */
export async function consumeSetupLink(
  tx: Tx,
  userId: string,
  secretHash: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const used = await tx.user.updateMany({
    where: { id: userId, passwordSetupHash: secretHash },
    data: {
      passwordHash,
      passwordChangedAt: now,
      sessionsValidAfter: now,
      passwordSetupHash: null,
      passwordSetupExpiresAt: null,
    },
  });
  return used.count === 1;
}

export function listAdmins() {
  return db().user.findMany({
    where: { role: "admin" },
    select: { username: true, disabled: true },
    orderBy: { username: "asc" },
  });
}

export function listDisabledUsernames() {
  return db().user.findMany({ where: { disabled: true }, select: { username: true } });
}

/** Only for re-asking a password: the hash never leaves lib/ otherwise. */
export function findPasswordHash(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
}

/** A new password: every session from before it ends. */
export function setPassword(tx: Tx, userId: string, passwordHash: string, now = new Date()) {
  return tx.user.update({
    where: { id: userId },
    data: { passwordHash, passwordChangedAt: now, sessionsValidAfter: now },
    select: { id: true },
  });
}

/** Ends every session of a user (and disables the account, when asked). */
export function endSessions(tx: Tx, userId: string, now = new Date(), disable = false) {
  return tx.user.update({
    where: { id: userId },
    data: { sessionsValidAfter: now, ...(disable ? { disabled: true } : {}) },
    select: { id: true },
  });
}

export function listEnabledAdminNames() {
  return db().user.findMany({ where: { role: "admin", disabled: false }, select: { username: true } });
}

export function findUserIdsByName(usernames: string[]) {
  return db().user.findMany({ where: { username: { in: usernames } }, select: { id: true, username: true } });
}
