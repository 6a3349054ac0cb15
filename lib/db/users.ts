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

export function countUsers(): Promise<number> {
  return db().user.count();
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

export function listUsers(opts: { search?: string; role?: Role; disabled?: boolean; skip?: number; take?: number }) {
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
  return db().$transaction([
    db().user.findMany({ where, select: publicUserSelect, orderBy: { username: "asc" }, skip: opts.skip ?? 0, take: opts.take ?? 50 }),
    db().user.count({ where }),
  ]);
}

export function recordLogin(id: string) {
  return db().user.update({ where: { id }, data: { lastLoginAt: new Date() }, select: { id: true } });
}
