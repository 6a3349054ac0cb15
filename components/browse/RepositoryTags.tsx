"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { LoadMore } from "@/components/ui/LoadMore";
import { retryUnlessGateway, tagsPage, useDirectMode, type TagRows } from "@/lib/query/browse";
import { corsHeadersSection } from "@/lib/registry/config-yaml";
import { sharedDigests } from "@/lib/registry/manifests";
import { DirectModeError, directTags } from "./direct";
import { bytes, shortDigest, utc } from "./format";
import { DeleteTag } from "./DeleteTag";
import { ManifestView } from "./ManifestView";
import { CopyableText } from "@/components/ui/CopyableText";

/** A repository's tags, a page at a time; the manifest of one; deletes that show what else goes. */
export function RepositoryTags({
  registry,
  repository,
  direct,
  pullHost,
}: {
  registry: string;
  repository: string;
  direct: boolean;
  pullHost: string;
}) {
  const [fallback, setFallback] = useState<{ detail: string; fix?: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  // Direct mode: Portcullis first checks the registry's CORS for this origin and says what to fix.
  const cors = useDirectMode(registry, direct);
  const corsRefused =
    cors.data?.cors && cors.data.cors.status !== "ok"
      ? { detail: cors.data.cors.detail, fix: cors.data.cors.fix }
      : null;
  const problem = corsRefused ?? fallback;
  const viaBrowser = direct && cors.isSuccess && !problem;
  const key = ["browse", registry, "tags", repository, viaBrowser ? "direct" : "server"];
  const tags = useInfiniteQuery({
    queryKey: key,
    initialPageParam: "",
    queryFn: async ({ pageParam }): Promise<TagRows> => {
      if (viaBrowser) {
        try {
          return await directTags(registry, repository, 20, pageParam || undefined);
        } catch (err) {
          if (err instanceof DirectModeError)
            setFallback({ detail: err.message, fix: corsHeadersSection(window.location.origin) });
          throw err;
        }
      }
      return tagsPage(registry, repository, 20, pageParam || undefined);
    },
    enabled: !direct || cors.isFetched,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    retry: (n, e) => !(e instanceof DirectModeError) && retryUnlessGateway(n, e),
    refetchInterval: 60_000,
  });
  // Delete rights come from the server in either mode.
  const rights = useQuery({
    queryKey: ["browse", registry, "rights", repository],
    queryFn: () => tagsPage(registry, repository, 1),
    enabled: viaBrowser,
    retry: retryUnlessGateway,
  });
  const rows = tags.data?.pages.flatMap((p) => p.tags) ?? [];
  const canDelete = tags.data?.pages[0]?.canDelete ?? rights.data?.canDelete ?? false;
  const shared = sharedDigests(rows);

  return (
    <>
      {direct && (
        <div className={problem ? "error" : "notice"} data-testid="browse-mode">
          {problem ? (
            <>
              Direct browsing is not possible: {problem.detail} Showing the registry through Portcullis instead.
              {problem.fix && <CopyableText text={problem.fix} label="fix" wrap />}
            </>
          ) : cors.isPending ? (
            "Checking whether your browser may talk to the registry directly…"
          ) : (
            "Your browser talks to the registry directly (direct mode)."
          )}
        </div>
      )}
      <CopyableText text={`docker pull ${pullHost}/${repository}:<tag>`} label="docker pull" />
      {tags.isPending && <p className="muted">Asking {registry}…</p>}
      {tags.isError && !(tags.error instanceof DirectModeError) && <ErrorNote error={tags.error} />}
      {tags.data && (
        <div className="table-wrap">
          <table data-testid="tags">
            <thead>
              <tr>
                <th>Tag</th>
                <th>Digest</th>
                <th>Size</th>
                <th>Created (UTC)</th>
                <th>Platforms</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.tag} data-testid={`tag-${t.tag}`}>
                  <td className="mono">
                    <button type="button" className="link" onClick={() => setOpen(t.tag)}>
                      {t.tag}
                    </button>
                  </td>
                  <td className="mono" title={t.digest ?? ""}>
                    {shortDigest(t.digest)}
                    {t.digest && shared[t.digest] && (
                      <div className="muted">same as {shared[t.digest].filter((x) => x !== t.tag).join(", ")}</div>
                    )}
                  </td>
                  <td>{bytes(t.size)}</td>
                  <td>{utc(t.created)}</td>
                  <td>{t.error ? <span className="error">{t.error}</span> : t.platforms.join(", ")}</td>
                  <td>
                    {canDelete && t.digest && (
                      <button type="button" onClick={() => setDeleting(t.tag)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <div className="empty">No tags.</div>}
        </div>
      )}
      <LoadMore query={tags} label="More tags" />
      {open && (
        <ManifestView registry={registry} repository={repository} reference={open} onClose={() => setOpen(null)} />
      )}
      <Dialog
        title={`Delete ${repository}:${deleting ?? ""}`}
        open={deleting !== null}
        onClose={() => setDeleting(null)}
      >
        {deleting && (
          <DeleteTag registry={registry} repository={repository} tag={deleting} onDone={() => setDeleting(null)} />
        )}
      </Dialog>
    </>
  );
}
