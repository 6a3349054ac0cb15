import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

/** Fetch for the console's react-query hooks: JSON in and out, API errors surfaced as messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? "GET",
    headers: init?.body !== undefined ? { "Content-Type": "application/json" } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    credentials: "same-origin",
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data?.error?.code ?? "error",
      data?.error?.message ?? `request failed (${res.status})`,
    );
  }
  return data as T;
}

/** `path?query` with only the parameters that hold a value. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** `encodeURIComponent` for a path segment. */
export const seg = encodeURIComponent;

type QueryValue = string | number | boolean | undefined | null;

/**
 * A cursor-paged list of the API (`?cursor=&limit=` answered with `nextCursor`), a page at a time:
 * `pages` to flatten, `fetchNextPage` for <LoadMore>.
 */
export function usePagedList<T extends { nextCursor: string | null }>(
  key: QueryKey,
  path: string,
  query: Record<string, QueryValue> = {},
  options: {
    enabled?: boolean;
    retry?: (failures: number, error: Error) => boolean;
    refetchInterval?: number;
    placeholderData?: typeof keepPreviousData;
  } = {},
) {
  return useInfiniteQuery({
    queryKey: key,
    initialPageParam: "",
    queryFn: ({ pageParam }) => api<T>(withQuery(path, { ...query, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...options,
  });
}

declare module "@tanstack/react-query" {
  interface Register {
    /** What a change did, in a person's words (null: nothing worth a notification); see Providers. */
    mutationMeta: { said?: (vars: unknown, result: unknown) => string | null };
  }
}

/**
 * A change through the API that refreshes the lists it affects. `said` words what it did for the
 * notification that follows it (a failure is notified with the server's message); reads through
 * POST (a simulation, a check) say nothing.
 */
export function useChange<V, T>(
  fn: (v: V) => Promise<T>,
  invalidate: readonly QueryKey[],
  said?: (vars: V, result: T) => string | null,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: said ? { said: said as (vars: unknown, result: unknown) => string | null } : undefined,
    onSuccess: () => Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: k }))),
  });
}

export const queryKeys = {
  tokens: ["tokens"] as const,
  users: (filter: Record<string, string | number | undefined>) => ["users", filter] as const,
  allUsers: ["users"] as const,
  teams: ["teams"] as const,
  team: (name: string) => ["teams", "detail", name] as const,
  serviceAccounts: ["service-accounts"] as const,
  grants: ["grants"] as const,
  accessRequests: ["access-requests"] as const,
  myAccessRequests: ["me", "access-requests"] as const,
  myAccess: ["me", "access"] as const,
  audit: (filter: Record<string, string>) => ["audit", filter] as const,
  registries: ["registries"] as const,
  browse: (registry: string) => ["browse", registry] as const,
};
