import { OutboundError, outboundRequest, type OutboundResponse } from "../../net/outbound";
import { corsHeadersSection, htpasswdAuthSection, tokenAuthSection } from "../config-yaml";
import { readCertificate, sameCertificate } from "../certificates";

/** Who a CA is and its fingerprint, to compare with the organisation's own before trusting it. */
function caFacts(pem: string): string {
  const c = readCertificate(pem);
  return `${c.subject.replaceAll("\n", ", ")} (SHA-256 ${c.fingerprint256})`;
}
import type { CheckResult, RegistryTarget, Surroundings } from "./types";

/** `Bearer realm="…",service="…"` → its parameters (quoted values may hold commas). */
export function parseChallenge(header: string | undefined): { scheme: string; params: Record<string, string> } | null {
  if (!header) return null;
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"|(\w+)=([^,\s]*)/g))
    params[(p[1] ?? p[3]).toLowerCase()] = (p[2] ?? p[4]).replace(/\\(.)/g, "$1");
  return { scheme: m[1].toLowerCase(), params };
}

/** What the registry's TLS (or its absence) means for the people who push to it. */
export function tlsFinding(
  base: string,
  tls: { error?: string; validTo?: string; untrustedRoot?: string },
  registeredCa: string | null | undefined,
  now = Date.now(),
): CheckResult {
  const { error: tlsError, validTo, untrustedRoot } = tls;
  if (!base.startsWith("https:")) {
    return {
      check: "tls",
      status: "warn",
      detail: "plain http: credentials and tokens cross the network unencrypted",
      fix: "serve the registry over https (http.tls in its config, or a TLS-terminating proxy) and change the URL here",
    };
  }
  if (tlsError && untrustedRoot && sameCertificate(untrustedRoot, registeredCa))
    return {
      check: "tls",
      status: "warn",
      detail: `the certificate comes from a private CA (${tlsError}); that CA is registered here, so clients can trust it`,
      fix: "people install it from Set up my machine (docker: /etc/docker/certs.d/<host>/ca.crt)",
    };
  if (tlsError)
    return {
      check: "tls",
      status: "fail",
      detail: `the certificate is not trusted: ${tlsError}${untrustedRoot ? `; it was signed by ${caFacts(untrustedRoot)}` : ""}`,
      fix: untrustedRoot
        ? "install a certificate from a trusted CA, or, if this is your organisation's own CA, offer it to clients (below): docker and podman then trust it once it is in certs.d"
        : "install a certificate from a trusted CA (clients refuse this one too); the registry did not send the CA that signed it",
      ...(untrustedRoot ? { certificate: untrustedRoot } : {}),
    };
  const until = validTo ? new Date(validTo) : null;
  if (!until || Number.isNaN(until.getTime()))
    return { check: "tls", status: "warn", detail: "no certificate details" };
  const days = Math.floor((until.getTime() - now) / 86_400_000);
  const day = until.toISOString().slice(0, 10);
  if (days < 0)
    return {
      check: "tls",
      status: "fail",
      detail: `the certificate expired ${-days} days ago (${day})`,
      fix: "renew the certificate",
    };
  if (days < 14)
    return {
      check: "tls",
      status: "warn",
      detail: `the certificate expires in ${days} days (${day})`,
      fix: "renew the certificate soon",
    };
  return { check: "tls", status: "ok", detail: `valid until ${day}` };
}

const list = (h: string | string[] | undefined) =>
  (Array.isArray(h) ? h.join(",") : (h ?? ""))
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * Checks one registry the way an operator would by hand: does it answer, is /v2/ the registry API,
 * does it challenge with Portcullis's realm and service, is its TLS certificate valid, and does it
 * send CORS headers for the console's origin. Every failure says exactly what to change.
 */
export async function checkRegistry(
  r: RegistryTarget,
  { realm, origin, issuer }: Surroundings,
): Promise<CheckResult[]> {
  const base = r.url.replace(/\/$/, "");
  const results: CheckResult[] = [];
  let v2: OutboundResponse;
  try {
    // With the console's Origin, so the CORS headers on this answer count for the CORS check.
    v2 = await outboundRequest(`${base}/v2/`, {
      allowPrivate: r.allowPrivateNetwork,
      headers: { Origin: origin },
      maxBytes: 64 * 1024,
    });
  } catch (err) {
    const o = err instanceof OutboundError ? err : new OutboundError((err as Error).message);
    results.push({ check: "reachable", status: "fail", detail: `${base}: ${o.message}`, fix: o.fix });
    for (const check of ["api", "challenge", "tls", "cors"] as const)
      results.push({ check, status: "skipped", detail: "the registry did not answer" });
    return results;
  }
  results.push({ check: "reachable", status: "ok", detail: `answered from ${v2.address}` });

  const apiVersion = v2.headers["docker-distribution-api-version"];
  if (v2.status >= 300 && v2.status < 400) {
    results.push({
      check: "api",
      status: "fail",
      detail: `/v2/ redirects (${v2.status}) to ${v2.headers.location ?? "?"}; redirects are not followed`,
      fix: "use the URL it redirects to as the registry URL",
    });
  } else if (apiVersion !== "registry/2.0") {
    results.push({
      check: "api",
      status: "fail",
      detail: `/v2/ answered ${v2.status} without Docker-Distribution-Api-Version: registry/2.0: this is not a registry API`,
      fix: "use the registry's base URL (the one `docker login` takes), not a web UI or proxy page",
    });
  } else results.push({ check: "api", status: "ok", detail: `/v2/ answered ${v2.status}, registry/2.0` });

  const ch = parseChallenge(v2.headers["www-authenticate"] as string | undefined);
  if (r.authMode === "token") {
    const fix = tokenAuthSection({
      realm,
      service: r.service,
      issuer,
      bundlePath: "/etc/docker/registry/portcullis-certs.pem",
    });
    if (v2.status === 200)
      results.push({
        check: "challenge",
        status: "fail",
        detail: "/v2/ answers 200 to anyone: the registry has no authentication",
        fix,
      });
    else if (!ch || ch.scheme !== "bearer")
      results.push({
        check: "challenge",
        status: "fail",
        detail: `the registry challenges with ${ch?.scheme ?? "nothing"}, not token authentication`,
        fix,
      });
    else if (ch.params.realm !== realm)
      results.push({
        check: "challenge",
        status: "fail",
        detail: `its realm is ${ch.params.realm ?? "(none)"}, Portcullis's is ${realm}`,
        fix,
      });
    else if (ch.params.service !== r.service)
      results.push({
        check: "challenge",
        status: "fail",
        detail: `its service is ${ch.params.service ?? "(none)"}, this registry is configured as ${r.service}`,
        fix: `either set service: "${r.service}" in its auth.token section, or change this registry's service in Portcullis to "${ch.params.service}"`,
      });
    else results.push({ check: "challenge", status: "ok", detail: `Bearer realm and service match Portcullis` });
  } else {
    const fix = htpasswdAuthSection({ path: "/etc/docker/registry/htpasswd" });
    if (!ch || ch.scheme !== "basic")
      results.push({
        check: "challenge",
        status: "fail",
        detail: `the registry challenges with ${ch?.scheme ?? "nothing"}, not htpasswd (Basic)`,
        fix,
      });
    else
      results.push({ check: "challenge", status: "ok", detail: `Basic realm "${ch.params.realm ?? ""}" (htpasswd)` });
  }

  results.push(
    tlsFinding(
      base,
      { error: v2.tlsError, validTo: v2.certificate?.valid_to, untrustedRoot: v2.untrustedRoot },
      r.caCertificate,
    ),
  );

  results.push(await checkCors(r, { origin }, v2.headers["access-control-expose-headers"]));
  return results;
}

/**
 * Whether the browser may call the registry directly from the console's origin: a preflight with
 * Authorization, credentials, and Docker-Content-Digest exposed on the answers. `exposed` is the
 * Access-Control-Expose-Headers of a /v2/ answer when the caller already has one.
 */
export async function checkCors(
  r: Pick<RegistryTarget, "url" | "allowPrivateNetwork">,
  { origin }: Pick<Surroundings, "origin">,
  exposed?: string | string[],
): Promise<CheckResult> {
  const base = r.url.replace(/\/$/, "");
  const corsFix = corsHeadersSection(origin);
  try {
    if (exposed === undefined) {
      exposed = (
        await outboundRequest(`${base}/v2/`, {
          allowPrivate: r.allowPrivateNetwork,
          headers: { Origin: origin },
          maxBytes: 64 * 1024,
        })
      ).headers["access-control-expose-headers"];
    }
    const pre = await outboundRequest(`${base}/v2/`, {
      allowPrivate: r.allowPrivateNetwork,
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
      maxBytes: 64 * 1024,
    });
    const allowOrigin = pre.headers["access-control-allow-origin"];
    const problems: string[] = [];
    if (allowOrigin !== origin && allowOrigin !== "*") problems.push(`no Access-Control-Allow-Origin for ${origin}`);
    if (!list(pre.headers["access-control-allow-headers"]).includes("authorization"))
      problems.push("Authorization is not an allowed header");
    if (!list(exposed).includes("docker-content-digest")) problems.push("Docker-Content-Digest is not exposed");
    if (pre.status >= 400)
      problems.push(
        `the preflight is answered ${pre.status} (distribution answers OPTIONS with its auth challenge, distribution#4458; a proxy in front must answer it)`,
      );
    const onlyPreflight = problems.length === 1 && pre.status >= 400;
    const proxyFix = [
      "# distribution answers every OPTIONS with 401; let the reverse proxy in front answer the preflight (nginx):",
      "location /v2/ {",
      "  if ($request_method = OPTIONS) {",
      `    add_header Access-Control-Allow-Origin "${origin}" always;`,
      "    add_header Access-Control-Allow-Credentials true always;",
      '    add_header Access-Control-Allow-Headers "Authorization, Accept, Cache-Control" always;',
      '    add_header Access-Control-Allow-Methods "HEAD, GET, OPTIONS, DELETE" always;',
      "    return 204;",
      "  }",
      "  proxy_pass http://registry:5000;",
      "}",
    ].join("\n");
    return problems.length
      ? {
          check: "cors",
          status: "warn",
          detail: `direct browsing from ${origin} will not work: ${problems.join("; ")}. Browsing through Portcullis (the default) needs none of this.`,
          fix: onlyPreflight ? proxyFix : pre.status >= 400 ? `${corsFix}\n${proxyFix}` : corsFix,
        }
      : { check: "cors", status: "ok", detail: `the console's origin ${origin} may call the registry directly` };
  } catch (err) {
    return { check: "cors", status: "warn", detail: `the preflight failed: ${(err as Error).message}`, fix: corsFix };
  }
}
