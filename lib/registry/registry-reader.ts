import {
  ManifestError,
  MANIFEST_ACCEPT,
  nextLast,
  parseImageConfig,
  parseManifest,
  type ParsedManifest,
} from "./manifests";

/**
 * Reading manifests, configs and tag summaries from a registry through any transport: the server
 * (Portcullis's pinned outbound client) and the browser in direct mode (fetch with CORS) both
 * hand in a `get`, so both read registries the same way.
 */
export interface RegistryAnswer {
  status: number;
  header(name: string): string | null;
  body: string;
}
export type RegistryGet = (path: string, opts?: { accept?: string; method?: string }) => Promise<RegistryAnswer>;

export class ReaderError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function registryErrorMessage(body: string): string {
  try {
    return (JSON.parse(body) as { errors?: { message: string }[] }).errors?.[0]?.message ?? "";
  } catch {
    return "";
  }
}

export async function readManifest(
  get: RegistryGet,
  repository: string,
  reference: string,
): Promise<{ digest: string; manifest: ParsedManifest }> {
  const res = await get(`/v2/${repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT });
  if (res.status === 404) throw new ReaderError(`${repository}:${reference} not found`, 404);
  if (res.status !== 200)
    throw new ReaderError(
      `the registry answered ${res.status} for the manifest: ${registryErrorMessage(res.body)}`,
      502,
    );
  try {
    return {
      digest: res.header("docker-content-digest") ?? "",
      manifest: parseManifest(res.body, res.header("content-type") ?? undefined),
    };
  } catch (err) {
    if (err instanceof ManifestError) throw new ReaderError(err.message, 502);
    throw err;
  }
}

export async function readConfig(get: RegistryGet, repository: string, m: Extract<ParsedManifest, { kind: "image" }>) {
  const res = await get(`/v2/${repository}/blobs/${m.config.digest}`);
  return res.status === 200 ? parseImageConfig(res.body) : null;
}

export interface TagSummary {
  tag: string;
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  created: string | null;
  platforms: string[];
  error: string | null;
}

/** One tag: digest, size, created and platforms (for an index, from its first real platform). */
export async function summarizeTag(get: RegistryGet, repository: string, tag: string): Promise<TagSummary> {
  try {
    const { digest, manifest } = await readManifest(get, repository, tag);
    if (manifest.kind === "index") {
      const first = manifest.manifests.find((d) => d.platform?.os !== "unknown");
      const inner = first ? await readManifest(get, repository, first.digest) : null;
      const cfg = inner?.manifest.kind === "image" ? await readConfig(get, repository, inner.manifest) : null;
      return {
        tag,
        digest,
        mediaType: manifest.mediaType,
        size: manifest.manifests.reduce((n, d) => n + d.size, 0),
        created: cfg?.created ?? null,
        platforms: manifest.platforms,
        error: null,
      };
    }
    const cfg = await readConfig(get, repository, manifest);
    return {
      tag,
      digest,
      mediaType: manifest.mediaType,
      size: manifest.size,
      created: cfg?.created ?? null,
      platforms: cfg?.os ? [`${cfg.os}/${cfg.architecture}`] : [],
      error: null,
    };
  } catch (err) {
    return {
      tag,
      digest: null,
      mediaType: null,
      size: null,
      created: null,
      platforms: [],
      error: (err as Error).message,
    };
  }
}

/** tags/list, paged by the registry when it can and here when it cannot (distribution 2.8 ignores n/last). */
export async function readTagPage(
  get: RegistryGet,
  repository: string,
  n: number,
  last?: string,
): Promise<{ tags: string[]; last: string | null } | null> {
  const res = await get(`/v2/${repository}/tags/list?n=${n}${last ? `&last=${encodeURIComponent(last)}` : ""}`);
  if (res.status === 404) return null;
  if (res.status !== 200)
    throw new ReaderError(`the registry answered ${res.status}: ${registryErrorMessage(res.body)}`, 502);
  let tags = ((JSON.parse(res.body) as { tags?: string[] | null }).tags ?? []).filter((t) => typeof t === "string");
  let more = nextLast(res.header("link") ?? undefined);
  tags = tags.sort().filter((t) => !last || t > last);
  if (tags.length > n) {
    more = tags[n - 1];
    tags = tags.slice(0, n);
  }
  return { tags, last: more };
}
