import { z } from "zod";
import { checkResultView } from "./registry";
import { nextCursor, pageQuery } from "./wire";

/** Paged like every list (cursor + limit); the cursor is the registry's own `last`. */
export const repositoriesQuery = pageQuery(100, 50).extend({ q: z.string().trim().max(200).optional() });
export const tagsQuery = pageQuery(100, 20).extend({ repository: z.string().min(1).max(300) });
export const manifestQuery = z.object({
  repository: z.string().min(1).max(300),
  reference: z.string().min(1).max(200),
});
export const deletePreviewQuery = z.object({ repository: z.string().min(1).max(300), tag: z.string().min(1).max(200) });
export const deleteInput = z
  .object({
    repository: z.string().min(1).max(300),
    digest: z.string().min(1).max(100),
    tags: z.array(z.string().max(200)).max(5000).default([]),
  })
  .strict();
export const browseTokenQuery = z.object({ repository: z.string().min(1).max(300) });

// What the API answers when browsing a registry.

export const repositoryPage = z.object({ repositories: z.array(z.string()), nextCursor });

export const tagSummaryView = z.object({
  tag: z.string(),
  digest: z.string().nullable(),
  mediaType: z.string().nullable(),
  size: z.number().nullable(),
  created: z.string().nullable(),
  platforms: z.array(z.string()),
  error: z.string().nullable(),
});
export type TagSummaryView = z.input<typeof tagSummaryView>;
export const tagPage = z.object({
  registry: z.string(),
  repository: z.string(),
  canDelete: z.boolean(),
  pull: z.string(),
  tags: z.array(tagSummaryView),
  /** Digests carried by more than one tag on this page: deleting one deletes them all. */
  sharedDigests: z.record(z.string(), z.array(z.string())),
  nextCursor,
});
export type TagPageView = z.input<typeof tagPage>;

const descriptor = z.object({
  mediaType: z.string(),
  digest: z.string(),
  size: z.number(),
  platform: z
    .object({ architecture: z.string().optional(), os: z.string().optional(), variant: z.string().optional() })
    .optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export const manifestSummary = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("index"),
    mediaType: z.string(),
    manifests: z.array(descriptor),
    platforms: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("image"),
    mediaType: z.string(),
    config: descriptor,
    layers: z.array(descriptor),
    size: z.number(),
  }),
]);
export const imageConfigView = z.object({
  created: z.string().nullable(),
  os: z.string().nullable(),
  architecture: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  history: z.array(
    z.object({
      created: z.string().nullable(),
      createdBy: z.string().nullable(),
      emptyLayer: z.boolean(),
      comment: z.string().nullable(),
    }),
  ),
  entrypoint: z.array(z.string()).nullable(),
  cmd: z.array(z.string()).nullable(),
});
export const manifestView = z.object({
  repository: z.string(),
  reference: z.string(),
  digest: z.string(),
  manifest: manifestSummary,
  config: imageConfigView.nullable(),
  pull: z.object({ byTag: z.string().nullable(), byDigest: z.string() }),
});
export type ManifestViewData = z.input<typeof manifestView>;
export const deletePreviewView = z.object({
  repository: z.string(),
  tag: z.string(),
  digest: z.string(),
  tags: z.array(z.string()),
});
export type DeletePreviewView = z.input<typeof deletePreviewView>;
export const manifestDeleted = z.object({ deleted: z.string(), tags: z.array(z.string()) });
export const browserTokenView = z.object({ token: z.string(), registryUrl: z.string(), expiresIn: z.number().int() });
export const directModeView = z.object({ direct: z.boolean(), cors: checkResultView.optional() });
