import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  deletePreviewView,
  directModeView,
  manifestDeleted,
  manifestView,
  repositoryPage,
  tagPage,
  browserTokenView,
} from "../validation/browse";
import { api, queryKeys, seg, useChange, usePagedList, withQuery } from "./api";

export type TagPageView = z.input<typeof tagPage>;
/** What a page of tags needs to show: read through Portcullis (with the rights) or from the registry itself (direct mode). */
export type TagRows = Pick<TagPageView, "tags" | "nextCursor"> & Partial<Pick<TagPageView, "canDelete" | "pull">>;

/** Retry a failed read twice, unless the registry answered (502: its own error; 404: not there): asking again changes nothing. */
export const retryUnlessGateway = (count: number, err: Error) =>
  (err as { status?: number }).status !== 502 && (err as { status?: number }).status !== 404 && count < 2;

const browse = (registry: string, rest: string) => `/api/v1/browse/${seg(registry)}/${rest}`;

export const useRepositories = (registry: string, q: string) =>
  usePagedList<z.input<typeof repositoryPage>>(
    [...queryKeys.browse(registry), "repositories", q],
    browse(registry, "repositories"),
    { limit: 50, q },
    { enabled: Boolean(registry), retry: retryUnlessGateway, refetchInterval: 60_000 },
  );

/** One page of a repository's tags through Portcullis. */
export const tagsPage = (registry: string, repository: string, limit: number, cursor?: string) =>
  api<TagPageView>(withQuery(browse(registry, "tags"), { repository, limit, cursor }));

export const useDirectMode = (registry: string, enabled: boolean) =>
  useQuery({
    queryKey: [...queryKeys.browse(registry), "direct"],
    queryFn: () => api<z.input<typeof directModeView>>(browse(registry, "direct")),
    enabled,
    retry: false,
  });

export const browserToken = (registry: string, repository: string) =>
  api<z.input<typeof browserTokenView>>(withQuery(browse(registry, "token"), { repository }));

export const useManifest = (registry: string, repository: string, reference: string) =>
  useQuery({
    queryKey: [...queryKeys.browse(registry), "manifest", repository, reference],
    queryFn: () =>
      api<z.input<typeof manifestView>>(withQuery(browse(registry, "manifest"), { repository, reference })),
    retry: retryUnlessGateway,
  });

export const useDeletePreview = (registry: string, repository: string, tag: string) =>
  useQuery({
    queryKey: [...queryKeys.browse(registry), "delete-preview", repository, tag],
    queryFn: () =>
      api<z.input<typeof deletePreviewView>>(withQuery(browse(registry, "delete-preview"), { repository, tag })),
    retry: false,
  });

export const useDeleteManifest = (registry: string, repository: string) =>
  useChange(
    (body: { repository: string; digest: string; tags: string[] }) =>
      api<z.input<typeof manifestDeleted>>(browse(registry, "delete"), { method: "POST", body }),
    [[...queryKeys.browse(registry), "tags", repository]],
    (v) => `Deleted ${v.repository}@${v.digest.slice(0, 19)}…${v.tags.length ? ` (${v.tags.join(", ")})` : ""}`,
  );
