/**
 * The docker credential-helper protocol as docker, podman, buildah and skopeo speak it
 * (github.com/docker/docker-credential-helpers): `get`, `store`, `erase` read the server URL or
 * a JSON record on stdin and answer on stdout; a miss is the exact line below on stdout, exit 1.
 * Pure: parsing and shaping only.
 */
export const NOT_FOUND = "credentials not found in native keychain";
/** The username docker uses for an identity (refresh) token: it then runs the OAuth2 refresh grant. */
export const TOKEN_USERNAME = "<token>";
export const CLIENT_ID = "docker-credential-portcullis";

export interface Credentials {
  ServerURL: string;
  Username: string;
  Secret: string;
}

/** The registry a server URL names, as the key of the store: `host[:port]`, lower case. */
export function registryKey(serverUrl: string): string {
  const s = serverUrl.trim();
  if (!s) throw new Error("no server URL on standard input");
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
  if (!url.host) throw new Error(`"${s.slice(0, 200)}" is not a registry address`);
  return url.host.toLowerCase();
}

export function parseStoreInput(text: string): Credentials {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error("store expects a JSON object {ServerURL, Username, Secret} on standard input");
  }
  const c = v as Partial<Credentials> | null;
  if (!c || typeof c.ServerURL !== "string" || typeof c.Username !== "string" || typeof c.Secret !== "string")
    throw new Error("store expects a JSON object {ServerURL, Username, Secret} on standard input");
  if (!c.Secret) throw new Error("store: the secret is empty");
  return { ServerURL: c.ServerURL, Username: c.Username, Secret: c.Secret };
}

/** `Bearer realm="…",service="…",scope="…"` from a registry's 401 (RFC 6750 auth-params). */
export function parseBearerChallenge(header: string | null): { realm: string; service: string } | null {
  if (!header || !/^bearer\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi))
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  if (!params.realm || !params.service) return null;
  return { realm: params.realm, service: params.service };
}

/** Portcullis's OAuth endpoints beside its token endpoint (`…/api/registry/token` → `…/api/oauth/<rest>`). */
export function oauthEndpoint(realm: string, rest: "device/code" | "revoke"): string {
  const url = new URL(realm);
  const base = url.pathname.replace(/\/api\/registry\/token\/?$/, "");
  if (base === url.pathname) throw new Error(`the registry's token service ${realm} is not Portcullis`);
  url.pathname = `${base}/api/oauth/${rest}`;
  url.search = "";
  return url.toString();
}

/** Who a registry token was issued to (its `sub`), for saying whom the machine signed in as. */
export function tokenSubject(jwt: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { sub?: unknown };
    return typeof claims.sub === "string" && claims.sub ? claims.sub : null;
  } catch {
    return null;
  }
}

export const loopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(host);
