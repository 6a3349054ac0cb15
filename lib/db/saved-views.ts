import { db } from "./client";

const select = { id: true, name: true, query: true, createdAt: true } as const;

export const listSavedViews = (userId: string) =>
  db().savedView.findMany({ where: { userId }, select, orderBy: { name: "asc" } });

export const countSavedViews = (userId: string) => db().savedView.count({ where: { userId } });

export const createSavedView = (userId: string, data: { name: string; query: string }) =>
  db().savedView.create({ data: { userId, ...data }, select });

/** Deletes the person's own view; null when there is none with that id (someone else's included). */
export async function deleteSavedView(userId: string, id: string) {
  const found = await db().savedView.findFirst({ where: { id, userId }, select });
  if (!found) return null;
  await db().savedView.delete({ where: { id } });
  return found;
}
