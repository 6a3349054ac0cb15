"use client";

import { ErrorNote } from "@/components/ui/ErrorNote";
import { useDeleteManifest, useDeletePreview } from "@/lib/query/browse";
import { shortDigest } from "./format";

export function DeleteTag({
  registry,
  repository,
  tag,
  onDone,
}: {
  registry: string;
  repository: string;
  tag: string;
  onDone: () => void;
}) {
  const preview = useDeletePreview(registry, repository, tag);
  const del = useDeleteManifest(registry, repository);
  return (
    <>
      <ErrorNote error={preview.error ?? del.error} />
      {preview.isPending && <p className="muted">Finding every tag on this digest…</p>}
      {preview.data && (
        <>
          <p>
            The registry deletes manifests, not tags: deleting <code>{tag}</code> deletes{" "}
            <code>{shortDigest(preview.data.digest)}</code> and <strong>every tag on it</strong>:
          </p>
          <ul data-testid="sibling-tags">
            {preview.data.tags.map((t) => (
              <li key={t} className="mono">
                {repository}:{t}
              </li>
            ))}
          </ul>
          <button
            className="danger"
            type="button"
            disabled={del.isPending}
            onClick={() =>
              del.mutate({ repository, digest: preview.data.digest, tags: preview.data.tags }, { onSuccess: onDone })
            }
          >
            Delete {preview.data.tags.length} tag{preview.data.tags.length === 1 ? "" : "s"}
          </button>
        </>
      )}
    </>
  );
}
