import { browserToken } from "@/lib/query/browse";
import { readTagPage, summarizeTag, type RegistryGet } from "@/lib/registry/registry-reader";

/**
 * Direct mode: the browser calls the registry itself with a one-minute token from Portcullis.
 * A CORS refusal surfaces as a TypeError from fetch (the browser hides the response): reported
 * as DirectModeError so the page can explain it and fall back to browsing through Portcullis.
 */
export class DirectModeError extends Error {}

async function directGet(registry: string, repository: string): Promise<RegistryGet> {
  const { token, registryUrl } = await browserToken(registry, repository);
  return async (path, opts) => {
    let res: Response;
    try {
      res = await fetch(`${registryUrl}${path}`, {
        method: opts?.method ?? "GET",
        headers: { Authorization: `Bearer ${token}`, ...(opts?.accept ? { Accept: opts.accept } : {}) },
        credentials: "omit",
      });
    } catch {
      throw new DirectModeError(
        `the browser could not call ${registryUrl} directly (its CORS headers do not allow ${window.location.origin}, or it is unreachable from here)`,
      );
    }
    return { status: res.status, body: await res.text(), header: (n) => res.headers.get(n) };
  };
}

export async function directTags(registry: string, repository: string, n: number, last?: string) {
  const get = await directGet(registry, repository);
  const page = await readTagPage(get, repository, n, last);
  if (!page) throw new Error(`repository ${repository} not found`);
  const tags = await Promise.all(page.tags.map((t) => summarizeTag(get, repository, t)));
  if (tags.length && tags.every((t) => t.digest === "")) {
    throw new DirectModeError(
      "the registry does not expose Docker-Content-Digest to the browser (Access-Control-Expose-Headers)",
    );
  }
  return { tags, nextCursor: page.last };
}
