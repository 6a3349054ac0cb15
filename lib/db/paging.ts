/** One page of a list: `cursor` is the last id of the previous page. */
export interface PageRequest {
  cursor?: string;
  limit: number;
}

/**
 * Keyset paging over a unique id (Prisma's cursor): asks for one row more than the page to know
 * whether another page follows. The `orderBy` of `find` must end with `id` so the order is total.
 */
export async function paged<T extends { id: string }>(
  page: PageRequest,
  find: (args: { take: number; cursor?: { id: string }; skip?: number }) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const rows = await find({ take: page.limit + 1, ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}) });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1].id : null };
}
