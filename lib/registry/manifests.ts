/**
 * Reading what the registry returns for a manifest: image manifests (OCI and Docker v2), image
 * indexes / manifest lists (multi-arch), and image configs. Pure: used by the server-side
 * browser and by the browser when it talks to a registry directly.
 */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture?: string; os?: string; variant?: string };
  annotations?: Record<string, string>;
}

export type ParsedManifest =
  | { kind: "index"; mediaType: string; manifests: Descriptor[]; platforms: string[] }
  | { kind: "image"; mediaType: string; config: Descriptor; layers: Descriptor[]; size: number };

export class ManifestError extends Error {}

export const platformName = (p?: Descriptor["platform"]) =>
  p ? [p.os ?? "?", p.architecture ?? "?", p.variant].filter(Boolean).join("/") : "unknown";

/** A manifest body, with the Content-Type the registry sent (the body's mediaType wins when present). */
export function parseManifest(body: string, contentType?: string): ParsedManifest {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(body);
  } catch {
    throw new ManifestError("the registry returned a manifest that is not JSON");
  }
  const mediaType = String(m.mediaType ?? contentType?.split(";")[0] ?? "");
  const desc = (d: unknown): Descriptor => {
    const x = d as Descriptor;
    return {
      mediaType: String(x.mediaType ?? ""),
      digest: String(x.digest ?? ""),
      size: Number(x.size ?? 0),
      ...(x.platform ? { platform: x.platform } : {}),
      ...(x.annotations ? { annotations: x.annotations } : {}),
    };
  };
  if (INDEX_TYPES.has(mediaType) || (Array.isArray(m.manifests) && !m.layers)) {
    const manifests = (m.manifests as unknown[]).map(desc);
    // Attestations (buildx) are listed as unknown/unknown: not a platform people pull.
    const platforms = manifests
      .filter((d) => d.platform && d.platform.os !== "unknown")
      .map((d) => platformName(d.platform));
    return { kind: "index", mediaType, manifests, platforms };
  }
  if (!m.config || !Array.isArray(m.layers))
    throw new ManifestError(
      `unsupported manifest type ${mediaType || "(none)"} (schema 1 manifests are not supported)`,
    );
  const config = desc(m.config);
  const layers = (m.layers as unknown[]).map(desc);
  return { kind: "image", mediaType, config, layers, size: config.size + layers.reduce((n, l) => n + l.size, 0) };
}

export interface ImageConfigSummary {
  created: string | null;
  os: string | null;
  architecture: string | null;
  labels: Record<string, string>;
  history: { created: string | null; createdBy: string | null; emptyLayer: boolean; comment: string | null }[];
  entrypoint: string[] | null;
  cmd: string[] | null;
}

export function parseImageConfig(body: string): ImageConfigSummary {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(body);
  } catch {
    throw new ManifestError("the image config is not JSON");
  }
  const cfg = (c.config ?? {}) as {
    Labels?: Record<string, string> | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
  };
  return {
    created: typeof c.created === "string" ? c.created : null,
    os: typeof c.os === "string" ? c.os : null,
    architecture: typeof c.architecture === "string" ? c.architecture : null,
    labels: cfg.Labels ?? {},
    entrypoint: cfg.Entrypoint ?? null,
    cmd: cfg.Cmd ?? null,
    history: (Array.isArray(c.history) ? c.history : []).map((h: Record<string, unknown>) => ({
      created: typeof h.created === "string" ? h.created : null,
      createdBy: typeof h.created_by === "string" ? h.created_by : null,
      emptyLayer: h.empty_layer === true,
      comment: typeof h.comment === "string" ? h.comment : null,
    })),
  };
}

/** The `last` of a registry's `Link: </v2/_catalog?last=x&n=y>; rel="next"` header. */
export function nextLast(link: string | string[] | undefined): string | null {
  const v = Array.isArray(link) ? link[0] : link;
  const m = v ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(v) : null;
  if (!m) return null;
  return new URL(m[1], "http://x").searchParams.get("last");
}

/** Tags that point at the same digest, grouped: deleting one deletes them all. */
export function sharedDigests(tags: { tag: string; digest: string | null }[]): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const t of tags) if (t.digest) (by[t.digest] ??= []).push(t.tag);
  return Object.fromEntries(Object.entries(by).filter(([, ts]) => ts.length > 1));
}
