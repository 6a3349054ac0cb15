import { db, type Tx } from "./client";

const accountSelect = {
  id: true,
  username: true,
  role: true,
  disabled: true,
  source: true,
  email: true,
  displayName: true,
  externalId: true,
} as const;

/** A person's account by name, with where they sign in. */
export function findAccountByName(tx: Tx, username: string) {
  return tx.user.findUnique({ where: { username }, select: accountSelect });
}

export function findAccountByExternalId(tx: Tx, externalId: string) {
  return tx.user.findUnique({ where: { externalId }, select: accountSelect });
}

export function emailTaken(tx: Tx, email: string, exceptId?: string) {
  return tx.user.count({ where: { email, ...(exceptId ? { id: { not: exceptId } } : {}) } }).then((n) => n > 0);
}

export function createExternalAccount(
  tx: Tx,
  data: {
    source: "ldap" | "oidc";
    username: string;
    externalId: string;
    displayName: string | null;
    email: string | null;
    role: "admin" | "auditor" | "user";
    passwordHash: string;
  },
) {
  return tx.user.create({
    data,
    select: { id: true, username: true, role: true, disabled: true },
  });
}

export function updateExternalAccount(
  tx: Tx,
  id: string,
  data: { externalId: string; displayName: string | null; email?: string | null; role: "admin" | "auditor" | "user" },
) {
  return tx.user.update({ where: { id }, data, select: { id: true, username: true, role: true, disabled: true } });
}

/** Teams linked to a directory group, and which of them the person is in now. */
export async function linkedTeamsOf(tx: Tx, userId: string) {
  const teams = await tx.team.findMany({
    where: { externalGroup: { not: null } },
    select: { id: true, name: true, externalGroup: true, members: { where: { userId }, select: { userId: true } } },
  });
  return teams.map((t) => ({ id: t.id, name: t.name, group: t.externalGroup!, member: t.members.length > 0 }));
}

export function addMembership(tx: Tx, teamId: string, userId: string) {
  return tx.teamMembership.create({ data: { teamId, userId } });
}

export function removeMembership(tx: Tx, teamId: string, userId: string) {
  return tx.teamMembership.deleteMany({ where: { teamId, userId } });
}

export function findUserSource(id: string) {
  return db().user.findUnique({
    where: { id },
    select: { id: true, username: true, source: true, disabled: true, externalId: true },
  });
}

export function disableAccount(tx: Tx, id: string) {
  return tx.user.update({
    where: { id },
    data: { disabled: true, sessionsValidAfter: new Date() },
    select: { id: true },
  });
}
