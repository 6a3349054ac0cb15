"use client";

/** "More …" for a keyset-paged list (React Query's infinite queries); hidden when there is no next page. */
export function LoadMore({
  query,
  label,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      style={{ marginTop: 12 }}
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? "Loading…" : label}
    </button>
  );
}
