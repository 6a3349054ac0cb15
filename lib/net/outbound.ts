import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { X509Certificate } from "node:crypto";
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from "node:tls";

/**
 * Every request Portcullis makes to an address an admin typed: http(s) only, the resolved address
 * checked (loopback, private, link-local and similar ranges only where allowed for that registry)
 * and pinned for the connection (no DNS rebinding between check and connect), no redirects
 * followed, bounded time and body size.
 */
export class OutboundError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
    /** The whole exchange did not finish within its deadline. */
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/**
 * The only addresses reachable without "allow private network": global unicast. ipaddr.js names
 * every special range (loopback, private, link-local, CGNAT, multicast, reserved, documentation,
 * benchmarking, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo, ...); an IPv6 address must also lie
 * in 2000::/3, the only block assigned for global unicast, which leaves out site-local fec0::/10
 * and the deprecated IPv4-compatible ::/96. IPv4-mapped forms (::ffff:7f00:1, written any way)
 * are unwrapped to the IPv4 address they reach before they are judged.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

export function isPrivateAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true; // not an address we can judge: fail closed
  const addr = ipaddr.process(ip);
  if (addr.range() !== "unicast") return true;
  return addr.kind() === "ipv6" && !(addr as ipaddr.IPv6).match(GLOBAL_UNICAST_V6);
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  address: string;
  certificate?: PeerCertificate;
  tlsError?: string;
  /** When the certificate is not trusted: the top of the chain the server sent, in PEM, if it is self-issued (a CA). */
  untrustedRoot?: string;
}

/** The last certificate of a presented chain, as PEM, when it signed itself (the CA a client would need to trust). */
export function selfIssuedTop(cert: DetailedPeerCertificate | undefined): string | undefined {
  let top = cert;
  for (let i = 0; top && i < 10 && top.issuerCertificate && top.issuerCertificate !== top; i++)
    top = top.issuerCertificate;
  if (!top?.raw?.length) return undefined;
  const x = new X509Certificate(top.raw);
  if (x.subject !== x.issuer) return undefined;
  return x.toString();
}

export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError(
      `"${raw.slice(0, 100)}" is not a URL`,
      "use the registry's base URL, e.g. https://registry.example.com",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutboundError(`${url.protocol} URLs are not allowed`, "use an http:// or https:// URL");
  if (url.username || url.password)
    throw new OutboundError("credentials in the URL are not allowed", "remove user:password@ from the URL");
  return url;
}

export function outboundRequest(
  raw: string,
  opts: {
    allowPrivate: boolean;
    method?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
    maxBytes?: number;
  },
): Promise<OutboundResponse> {
  const url = checkUrl(raw);
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const maxBytes = opts.maxBytes ?? 1 << 20;
  let address = "";
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !opts.allowPrivate) {
        return callback(
          new OutboundError(
            `${hostname} resolves to ${bad.address}, a private or loopback address`,
            'if this registry really is on your internal network, turn on "allow private network" for it',
          ) as NodeJS.ErrnoException,
          "",
          4,
        );
      }
      address = list[0].address;
      if ((options as dns.LookupOptions).all)
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [list[0]]);
      else callback(null, list[0].address, list[0].family);
    });
  };
  const mod = url.protocol === "https:" ? https : http;
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(literal)) {
    // An address typed as such is never looked up, so it is checked here.
    if (isPrivateAddress(literal) && !opts.allowPrivate) {
      return Promise.reject(
        new OutboundError(
          `${literal} is a private or loopback address`,
          'if this registry really is on your internal network, turn on "allow private network" for it',
        ),
      );
    }
    address = literal;
  }
  return new Promise((resolve, reject) => {
    // One deadline for the whole exchange (lookup, connect, TLS, headers and body): a server that
    // drips a byte at a time cannot hold a request open past it, as an idle timeout would let it.
    const deadline = setTimeout(() => {
      const err = new OutboundError(
        `no complete answer within ${timeoutMs / 1000} s`,
        "check the URL, the registry process and any firewall between Portcullis and it",
        true,
      );
      reject(err);
      req.destroy(err);
    }, timeoutMs);
    const settle =
      <T>(fn: (v: T) => void) =>
      (v: T) => {
        clearTimeout(deadline);
        fn(v);
      };
    const ok = settle(resolve);
    const fail = settle(reject);
    const req = mod.request(
      url,
      {
        method: opts.method ?? "GET",
        headers: opts.headers,
        lookup,
        ...(url.protocol === "https:" ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        let size = 0;
        const chunks: Buffer[] = [];
        const socket = res.socket as TLSSocket;
        const certificate = url.protocol === "https:" ? socket.getPeerCertificate?.(true) : undefined;
        const tlsError =
          url.protocol === "https:" && !socket.authorized
            ? String(socket.authorizationError ?? "untrusted certificate")
            : undefined;
        const untrustedRoot = tlsError ? selfIssuedTop(certificate) : undefined;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            fail(new OutboundError(`the response is larger than ${maxBytes} bytes`));
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on("end", () =>
          ok({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            address,
            certificate,
            tlsError,
            untrustedRoot,
          }),
        );
        res.on("error", (e) => fail(e));
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err instanceof OutboundError) return fail(err);
      const why =
        err.code === "ECONNREFUSED"
          ? "the connection was refused: nothing listens there"
          : err.code === "ENOTFOUND"
            ? `${url.hostname} does not resolve`
            : err.code === "ECONNRESET"
              ? "the connection was reset (an http:// URL for an https:// registry, or the reverse?)"
              : err.message;
      fail(new OutboundError(why, "check the URL, the registry process and any firewall between Portcullis and it"));
    });
    req.end();
  });
}
