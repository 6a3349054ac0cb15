/**
 * "Paste the error": what docker, podman, skopeo and the registry print when a push or pull fails,
 * recognised and answered with the cause and the exact fix for this installation (the real
 * registry host filled in). Pure: text in, findings out; the messages in the tests are real ones.
 */
export interface Finding {
  id: string;
  title: string;
  cause: string;
  /** What to do, in order; commands are written for this registry. */
  fix: string[];
  /** Where in the console the answer continues. */
  link?: { href: string; label: string };
}

export interface DiagnoseContext {
  /** host[:port] of the registry the text is about. */
  registryHost: string;
  /** Whether that registry is served over plain http. */
  plainHttp: boolean;
  /** The person asking, for the commands. */
  username: string;
}

interface Rule {
  id: string;
  match: RegExp;
  answer(c: DiagnoseContext, text: string): Omit<Finding, "id">;
}

const RULES: Rule[] = [
  {
    id: "denied",
    match:
      /requested access to the resource is denied|insufficient_scope|denied: access forbidden|authorization failed|errors:\s*denied/i,
    answer: (c) => ({
      title: "Denied: no grant covers this repository for what you asked",
      cause:
        "You signed in, but none of your grants (your own, your teams', public ones) allows this action on this repository, or the token you signed in with is scoped more narrowly.",
      fix: [
        "Check that the repository name is exactly right (lowercase, the full path such as team/app).",
        "If you use an access token, check its scopes under Tokens: a token scoped to other repositories is refused here even if your account may push.",
        "Request push (or pull) on the repository under My access → Request access, with a reason: an administrator answers there, and you see the answer on the same page.",
        `After a new grant, nothing to re-login: the next \`docker push ${c.registryHost}/<repository>:<tag>\` asks again.`,
      ],
      link: { href: "/me#request-access", label: "Request access" },
    }),
  },
  {
    id: "no_credentials",
    match: /no basic auth credentials|authentication required.*no credentials|credentials not found|not logged in/i,
    answer: (c) => ({
      title: "Not signed in to this registry",
      cause: "The client sent no credentials: there is no `docker login` for this exact host (and port).",
      fix: [
        `docker login ${c.registryHost} -u ${c.username}   (your password, or better an access token from Tokens)`,
        "The host in the image name must match the login exactly, port included.",
      ],
      link: { href: "/tokens", label: "Create an access token" },
    }),
  },
  {
    id: "unauthorized",
    match:
      /unauthorized: (authentication required|incorrect username or password)|401 unauthorized|authentication failed|invalid username\/password|unauthorized:/i,
    answer: (c) => ({
      title: "Unauthorized: the credentials were refused",
      cause:
        "The username, password or access token was not accepted: a wrong or changed password, a token that expired or was revoked (or rotated past its grace period), a disabled account, or a lockout after repeated failures.",
      fix: [
        `docker logout ${c.registryHost} && docker login ${c.registryHost} -u ${c.username}`,
        "If you use an access token, check under Tokens that it is active; create a new one if it expired or was revoked.",
        "After many failures the account is locked from your address for a while: wait, or ask an administrator to lift it (Users → lockouts).",
      ],
      link: { href: "/tokens", label: "Your tokens" },
    }),
  },
  {
    id: "http_to_https",
    match: /server gave HTTP response to HTTPS client|http: server gave http response/i,
    answer: (c) => ({
      title: "The registry speaks plain http; the client expected https",
      cause: `${c.registryHost} is served without TLS, and clients use https unless told that this registry is insecure (loopback addresses are the exception).`,
      fix: [
        `Docker: add "${c.registryHost}" to "insecure-registries" in /etc/docker/daemon.json, e.g. { "insecure-registries": ["${c.registryHost}"] }, then restart dockerd (systemctl restart docker).`,
        `Podman, Buildah, Skopeo: in /etc/containers/registries.conf add [[registry]] location = "${c.registryHost}" insecure = true (skopeo also takes --tls-verify=false).`,
        "Better: serve the registry over https (its http.tls settings, or a TLS-terminating proxy) and change its URL in Portcullis.",
      ],
      link: { href: "/setup", label: "Set up my machine: every client's configuration for this registry" },
    }),
  },
  {
    id: "untrusted_certificate",
    match:
      /x509: certificate signed by unknown authority|certificate is not trusted|tls: failed to verify certificate|self[- ]signed certificate/i,
    answer: (c) => ({
      title: "The registry's certificate is not trusted by this machine",
      cause: `${c.registryHost} presents a certificate from a private or self-signed CA that this machine does not know.`,
      fix: [
        `Docker: put the CA certificate at /etc/docker/certs.d/${c.registryHost}/ca.crt (no restart needed).`,
        `Podman, Buildah, Skopeo: put it at /etc/containers/certs.d/${c.registryHost}/ca.crt.`,
        "Or add the CA to the system's trust store (update-ca-certificates) and restart the client.",
      ],
      link: { href: "/setup", label: "Set up my machine: download the CA, where an administrator registered it" },
    }),
  },
  {
    id: "expired_certificate",
    match: /x509: certificate has expired|certificate has expired or is not yet valid/i,
    answer: (c) => ({
      title: "The registry's certificate has expired",
      cause: `The certificate ${c.registryHost} presents is past its end date (or this machine's clock is wrong).`,
      fix: [
        "Check this machine's clock (date -u).",
        "Tell the registry's administrator: the certificate must be renewed.",
      ],
      link: { href: "/registry", label: "The registry check" },
    }),
  },
  {
    id: "rate_limited",
    match: /toomanyrequests|too many requests/i,
    answer: () => ({
      title: "Too many requests",
      cause:
        "The registry or Portcullis refuses for a while after too many attempts from your address (often repeated wrong credentials in a CI loop).",
      fix: [
        "Stop the retry loop and fix the credentials first (docker logout, then docker login).",
        "Wait a few minutes, or ask an administrator to lift the lockout (Users → lockouts).",
      ],
    }),
  },
  {
    id: "manifest_unknown",
    match: /manifest unknown|MANIFEST_UNKNOWN|not found: manifest|manifest for .* not found/i,
    answer: (c) => ({
      title: "No such tag (or digest) in this repository",
      cause: "The repository exists and you may read it, but the tag or digest you named is not there.",
      fix: [
        "Check the tag's spelling; tags are case-sensitive.",
        `List the tags: skopeo list-tags docker://${c.registryHost}/<repository>, or browse the repository in the console.`,
      ],
      link: { href: "/browse", label: "Browse the registry" },
    }),
  },
  {
    id: "name_unknown",
    match: /name unknown|NAME_UNKNOWN|repository name not known to registry|repository .* not found/i,
    answer: () => ({
      title: "No such repository (or not one you may see)",
      cause: "The registry does not know the repository, or you may not read it (a registry never tells which).",
      fix: [
        "Check the repository path (the part after the host).",
        "Browse the repositories you may pull in the console; ask for access if it is missing.",
      ],
      link: { href: "/browse", label: "Browse the registry" },
    }),
  },
  {
    id: "invalid_reference",
    match: /invalid reference format|repository name must be lowercase|invalid repository name/i,
    answer: (c) => ({
      title: "The image name is malformed",
      cause: "Image names are lowercase path components (letters, digits, . _ -), then an optional :tag.",
      fix: [`Write it as ${c.registryHost}/team/app:1.0 (all lowercase, no spaces, no trailing slash).`],
    }),
  },
  {
    id: "proxy",
    match: /proxyconnect|proxy error|407 Proxy Authentication|Proxy Authentication Required/i,
    answer: (c) => ({
      title: "A proxy stands between you and the registry",
      cause: "The connection went through an HTTP proxy that refused or failed it.",
      fix: [
        `Let ${c.registryHost} bypass the proxy: add it to NO_PROXY (for dockerd: in its systemd environment, /etc/systemd/system/docker.service.d/http-proxy.conf, then systemctl daemon-reload && systemctl restart docker).`,
        "The token realm (Portcullis's own address) must be reachable the same way: the client fetches a token from it before every push and pull.",
      ],
      link: { href: "/setup#setup-proxies", label: "Set up my machine: what must pass the proxy" },
    }),
  },
  {
    id: "unreachable",
    match:
      /connection refused|no such host|i\/o timeout|dial tcp|network is unreachable|context deadline exceeded|connection reset by peer|TLS handshake timeout/i,
    answer: (c) => ({
      title: "The registry (or the token realm) could not be reached",
      cause: `The client could not connect: wrong host or port, the registry is down, DNS does not know the name, or a firewall drops the connection.`,
      fix: [
        `Check the host and port: the registry is ${c.registryHost}.`,
        `curl -v ${c.plainHttp ? "http" : "https"}://${c.registryHost}/v2/ should answer 401 with a WWW-Authenticate header.`,
        "If the registry answers but the error names Portcullis's address, the token realm is what cannot be reached.",
      ],
      link: { href: "/registry", label: "The registry check" },
    }),
  },
];

export const CLIENT_ERROR_IDS = RULES.map((r) => r.id);

/** Every problem the text shows, most specific first; none when nothing is recognised. */
export function diagnose(text: string, c: DiagnoseContext): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.match.test(text) || seen.has(rule.id)) continue;
    seen.add(rule.id);
    out.push({ id: rule.id, ...rule.answer(c, text) });
  }
  // "unauthorized" is also in the text of a denial on some clients, and "no basic auth credentials"
  // is a kind of unauthorized: keep only the more specific finding.
  const drop = new Set<string>();
  if (seen.has("denied") || seen.has("no_credentials")) drop.add("unauthorized");
  if (seen.has("proxy")) drop.add("unreachable");
  return out.filter((f) => !drop.has(f.id));
}

/** The registry a pasted text is about: the first configured host it names, else the first registry. */
export function registryNamedIn<R extends { url: string }>(text: string, registries: readonly R[]): R | undefined {
  return registries.find((r) => text.includes(new URL(r.url).host)) ?? registries[0];
}
