import { appendAudit } from "../audit/write";
import { env } from "../config/env";
import { transaction } from "../db/client";
import type { Caller } from "../auth/caller";
import { actorOf } from "../audit/actor";
import type { AuditActor } from "../audit/types";
import { AppError, forbidden, notFound } from "../errors";
import { OutboundError, outboundRequest, type OutboundResponse } from "../net/outbound";
import { authorize, type AccessEntry } from "../registry/authorize";
import { buildClaims, signJwt } from "../registry/jwt";
import { MANIFEST_ACCEPT, nextLast, sharedDigests } from "../registry/manifests";
import { ReaderError, registryErrorMessage, type RegistryGet } from "../registry/registry-reader";
import { isRepositoryName } from "../registry/names";
import { loadPrincipal } from "../token-server/principal";
import { activeSigner } from "../token-server/signer";
import { Limiter } from "../util/limiter";
import { registryKind, type RegistryKind } from "../registry/kinds";
import { surroundings } from "./registry-config";
import { registryOr404 } from "./registries";

/**
 * Browsing a registry through Portcullis: the console calls the registry's /v2/ API itself, with
 * a one-minute token minted for the signed-in person's own rights, so the browser needs no CORS
 * and sees exactly what that person may pull. Only the catalog (repository names) is listed with
 * Portcullis's own catalog token, and every name is filtered by the person's pull rights before
 * it leaves the server.
 */
/** A registry to browse, with its kind's reader (how its API lists, reads and deletes content). */
type Registry = Awaited<ReturnType<typeof registryOr404>> & { reader: RegistryKind["reader"] };
type Person = Extract<Caller, { kind: "user" }>;

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const MAX_PAGE = 100;

async function browsable(name: string): Promise<Registry> {
  const row = await registryOr404(name);
  const r = { ...row, reader: registryKind(row.kind).reader };
  if (r.authMode !== "token")
    throw new AppError(
      "validation_failed",
      `${r.name} uses htpasswd authentication: Portcullis can browse only registries that use its token authentication`,
    );
  return r;
}

function person(caller: Caller): Person {
  if (caller.kind !== "user") throw forbidden("service accounts cannot browse");
  return caller;
}

function checkRepository(repository: string) {
  if (!isRepositoryName(repository))
    throw new AppError("validation_failed", `"${repository.slice(0, 100)}" is not a repository name`);
}

async function mint(registry: Registry, subject: string, access: AccessEntry[]): Promise<string> {
  const signer = await activeSigner(registry.service);
  return signJwt(
    buildClaims({ issuer: env().PORTCULLIS_ISSUER, subject, service: registry.service, access, ttlSeconds: 60 }),
    signer,
  );
}

/** A token for `actions` on one repository, carrying only what the person may do; the decision per action. */
/**
 * The person's decision on `actions` for one repository, and a token carrying only the granted
 * ones among `carry` (default: all of them): least privilege for what the call will do.
 */
async function personToken(caller: Person, registry: Registry, repository: string, actions: string[], carry = actions) {
  const principal = await loadPrincipal({ kind: "user", id: caller.id, name: caller.name, role: caller.role });
  const { decisions, access } = authorize(
    principal,
    [{ type: "repository", name: repository, actions }],
    registry.service,
  );
  const granted = access[0].actions;
  const token = await mint(registry, caller.name, [
    { ...access[0], actions: granted.filter((a) => carry.includes(a)) },
  ]);
  return { token, granted, decisions };
}

async function call(
  registry: Registry,
  path: string,
  token: string,
  opts: { method?: string; accept?: string } = {},
): Promise<OutboundResponse> {
  let res: OutboundResponse;
  try {
    res = await outboundRequest(`${registry.url.replace(/\/$/, "")}${path}`, {
      allowPrivate: registry.allowPrivateNetwork,
      method: opts.method ?? "GET",
      headers: { Authorization: `Bearer ${token}`, ...(opts.accept ? { Accept: opts.accept } : {}) },
      timeoutMs: 10_000,
      maxBytes: 4 << 20,
    });
  } catch (err) {
    const e = err instanceof OutboundError ? err : new OutboundError((err as Error).message);
    const what = e.timedOut
      ? `the registry ${registry.name} did not answer in time: ${e.message}`
      : `the registry ${registry.name} is unreachable: ${e.message}`;
    throw new AppError(e.timedOut ? "gateway_timeout" : "bad_gateway", `${what}${e.fix ? ` (${e.fix})` : ""}`);
  }
  if (res.status === 401) {
    throw new AppError(
      "bad_gateway",
      `${registry.name} refused Portcullis's token: check that its auth.token section (realm, service "${registry.service}", issuer) and certs.pem match Portcullis (Registry page, Run checks)`,
    );
  }
  if (res.status >= 500) throw new AppError("bad_gateway", `${registry.name} answered ${res.status}`);
  return res;
}

export async function listRepositories(
  caller: Caller,
  registryName: string,
  opts: { q?: string; cursor?: string; limit: number },
) {
  const me = person(caller);
  const registry = await browsable(registryName);
  const principal = await loadPrincipal({ kind: "user", id: me.id, name: me.name, role: me.role });
  const catalogToken = await mint(registry, "portcullis", [{ type: "registry", name: "catalog", actions: ["*"] }]);
  const n = Math.min(opts.limit, MAX_PAGE);
  const found: string[] = [];
  let last = opts.cursor ?? null;
  // Walk the registry's own pages (n/last) until a page of names this person may pull is full;
  // at most 20 registry pages per request, then the cursor says where to go on.
  for (let pages = 0; pages < 20; pages++) {
    const res = await call(registry, registry.reader.catalogPath(1000, last), catalogToken);
    if (res.status !== 200)
      throw new AppError(
        "bad_gateway",
        `${registry.name} refused the catalog (${res.status}): ${registryErrorMessage(res.body)}`,
      );
    const names = ((JSON.parse(res.body) as { repositories?: string[] }).repositories ?? []).filter(
      (x) => typeof x === "string",
    );
    for (const name of names) {
      last = name;
      if (opts.q && !name.includes(opts.q)) continue;
      if (
        !authorize(
          principal,
          [{ type: "repository", name, actions: ["pull"] }],
          registry.service,
        ).access[0].actions.includes("pull")
      )
        continue;
      found.push(name);
      if (found.length === n) return { repositories: found, nextCursor: name };
    }
    if (names.length === 0 || !nextLast(res.headers.link)) return { repositories: found, nextCursor: null };
  }
  return { repositories: found, nextCursor: last };
}

const fetching = new Limiter(4);

/** The registry as the shared reader sees it, through the pinned outbound client with this token. */
function getter(registry: Registry, token: string): RegistryGet {
  return async (path, opts) => {
    const res = await call(registry, path, token, opts);
    return {
      status: res.status,
      body: res.body,
      header: (n) => {
        const v = res.headers[n.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
      },
    };
  };
}

async function reading<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ReaderError) throw new AppError(err.status === 404 ? "not_found" : "bad_gateway", err.message);
    throw err;
  }
}

/** One page of a repository's tags (the registry's own n/last paging), each with digest, size, created, platforms. */
export async function listTags(
  caller: Caller,
  registryName: string,
  repository: string,
  opts: { cursor?: string; limit: number },
) {
  checkRepository(repository);
  const me = person(caller);
  const registry = await browsable(registryName);
  // Asks about delete only to show the button; the token for reading carries pull alone.
  const { token, granted } = await personToken(me, registry, repository, ["pull", "delete"], ["pull"]);
  if (!granted.includes("pull")) throw notFound(`repository ${repository}`); // not even its existence
  const n = Math.min(opts.limit, MAX_PAGE);
  const get = getter(registry, token);
  const page = await reading(() => registry.reader.readTagPage(get, repository, n, opts.cursor));
  if (!page) throw notFound(`repository ${repository}`);
  const rows = await Promise.all(
    page.tags.map((t) => fetching.run(() => registry.reader.summarizeTag(get, repository, t))),
  );
  const more = page.last;
  return {
    registry: registry.name,
    repository,
    canDelete: granted.includes("delete"),
    pull: `${new URL(registry.url).host}/${repository}`,
    tags: rows,
    sharedDigests: sharedDigests(rows),
    nextCursor: more ?? null,
  };
}

/** A manifest (or index) with its config: layers, sizes, labels, history, platforms. */
export async function getManifest(caller: Caller, registryName: string, repository: string, reference: string) {
  checkRepository(repository);
  if (!TAG.test(reference) && !DIGEST.test(reference))
    throw new AppError("validation_failed", "the reference must be a tag or a sha256 digest");
  const me = person(caller);
  const registry = await browsable(registryName);
  const { token, granted } = await personToken(me, registry, repository, ["pull"]);
  if (!granted.includes("pull")) throw notFound(`repository ${repository}`);
  const get = getter(registry, token);
  const { digest, manifest } = await reading(() => registry.reader.readManifest(get, repository, reference));
  const config =
    manifest.kind === "image" ? await reading(() => registry.reader.readConfig(get, repository, manifest)) : null;
  const host = new URL(registry.url).host;
  return {
    repository,
    reference,
    digest,
    manifest,
    config,
    pull: {
      byTag: TAG.test(reference) ? `docker pull ${host}/${repository}:${reference}` : null,
      byDigest: `docker pull ${host}/${repository}@${digest}`,
    },
  };
}

/** Refuses unless the person may delete here; the token carries delete only for the delete call itself. */
async function requireDelete(me: Person, registry: Registry, repository: string, forDeleting: boolean) {
  const { token, granted, decisions } = await personToken(
    me,
    registry,
    repository,
    ["pull", "delete"],
    forDeleting ? ["pull", "delete"] : ["pull"],
  );
  if (!granted.includes("pull")) throw notFound(`repository ${repository}`);
  if (!granted.includes("delete")) {
    const why = decisions[0].actions.find((a) => a.action === "delete")?.reason ?? "no_grant";
    throw forbidden(`you may not delete in ${repository} (${why === "no_grant" ? "no delete grant covers it" : why})`);
  }
  return token;
}

/** Every tag of the repository on the same digest: deleting the manifest deletes them all. */
export async function deletePreview(caller: Caller, registryName: string, repository: string, tag: string) {
  checkRepository(repository);
  if (!TAG.test(tag)) throw new AppError("validation_failed", "not a tag");
  const me = person(caller);
  const registry = await browsable(registryName);
  const token = await requireDelete(me, registry, repository, false);
  const { digest } = await reading(() => registry.reader.readManifest(getter(registry, token), repository, tag));
  // Every tag (up to 5,000), through the same paged reader the tags page uses.
  const get = getter(registry, token);
  const all: string[] = [];
  let last: string | undefined;
  do {
    const page = await reading(() => registry.reader.readTagPage(get, repository, 1000, last));
    all.push(...(page?.tags ?? []));
    last = page?.last ?? undefined;
  } while (last && all.length < 5000);
  const heads = await Promise.all(
    all.map((t) =>
      fetching.run(() =>
        call(registry, registry.reader.manifestPath(repository, t), token, {
          method: "HEAD",
          accept: MANIFEST_ACCEPT,
        }).then((r) => ({ t, d: r.headers["docker-content-digest"] })),
      ),
    ),
  );
  return {
    repository,
    tag,
    digest,
    tags: heads
      .filter((h) => h.d === digest)
      .map((h) => h.t)
      .sort(),
  };
}

/** Deletes a manifest by digest (and so every tag on it); recorded in the audit log. */
export async function deleteManifest(
  caller: Caller,
  registryName: string,
  repository: string,
  digest: string,
  tags: string[],
  actor: AuditActor = actorOf(caller),
) {
  checkRepository(repository);
  if (!DIGEST.test(digest)) throw new AppError("validation_failed", "the digest must be sha256:<64 hex>");
  const me = person(caller);
  const registry = await browsable(registryName);
  const token = await requireDelete(me, registry, repository, true);
  const res = await call(registry, registry.reader.manifestPath(repository, digest), token, {
    method: "DELETE",
  });
  const outcome = res.status === 202 ? "success" : "failure";
  await transaction((tx) =>
    appendAudit(tx, [
      {
        ...actor,
        action: "registry.delete_manifest",
        outcome,
        repository,
        digest,
        reason: outcome === "failure" ? `registry answered ${res.status}` : null,
        details: { registry: registry.name, tags },
      },
    ]),
  );
  if (res.status === 202) return { deleted: digest, tags };
  if (res.status === 404) throw notFound(`${repository}@${digest}`);
  if (res.status === 405 || res.body.includes('"UNSUPPORTED"')) {
    throw new AppError(
      "validation_failed",
      `${registry.name} does not allow deleting: set storage.delete.enabled: true in its config.yml and restart it (then run garbage-collect to free the space)`,
    );
  }
  throw new AppError(
    "bad_gateway",
    `${registry.name} answered ${res.status} to the delete: ${registryErrorMessage(res.body)}`,
  );
}

/**
 * Direct mode: a one-minute token for the browser to call the registry itself (where the
 * registry's CORS allows the console's origin), with the person's own rights on one repository.
 */
export async function browserToken(caller: Caller, registryName: string, repository: string) {
  checkRepository(repository);
  const me = person(caller);
  const registry = await browsable(registryName);
  const { token, granted } = await personToken(me, registry, repository, ["pull"]);
  if (!granted.includes("pull")) throw notFound(`repository ${repository}`);
  return { token, registryUrl: registry.url.replace(/\/$/, ""), expiresIn: 60 };
}

/** Direct mode: whether the registry's CORS lets this console's origin in (checked server-side, with the fix). */
export async function directModeCheck(caller: Caller, registryName: string) {
  person(caller);
  const registry = await browsable(registryName);
  if (registry.browseMode !== "direct") return { direct: false as const };
  return {
    direct: true as const,
    cors: await registryKind(registry.kind).checkCors(registry, surroundings(registry.service)),
  };
}
