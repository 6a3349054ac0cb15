import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { PeerCertificate, TLSSocket } from "node:tls";

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
  ) {
    super(message);
  }
}

const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
const v4 = (ip: string) => ip.split(".").reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;

/** Loopback, private, link-local, shared, multicast, reserved: anything that is not the public internet. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const n = v4(ip);
    return BLOCKED_V4.some(([base, bits]) => (n >>> (32 - bits)) === (v4(base) >>> (32 - bits)));
  }
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateAddress(mapped[1]);
  return lower === "::1" || lower === "::" || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  address: string;
  certificate?: PeerCertificate;
  tlsError?: string;
}

export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError(`"${raw.slice(0, 100)}" is not a URL`, "use the registry's base URL, e.g. https://registry.example.com");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundError(`${url.protocol} URLs are not allowed`, "use an http:// or https:// URL");
  if (url.username || url.password) throw new OutboundError("credentials in the URL are not allowed", "remove user:password@ from the URL");
  return url;
}

export function outboundRequest(
  raw: string,
  opts: { allowPrivate: boolean; method?: string; headers?: Record<string, string>; timeoutMs?: number; maxBytes?: number },
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
            "if this registry really is on your internal network, turn on \"allow private network\" for it",
          ) as NodeJS.ErrnoException,
          "",
          4,
        );
      }
      address = list[0].address;
      if ((options as dns.LookupOptions).all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [list[0]]);
      else callback(null, list[0].address, list[0].family);
    });
  };
  const mod = url.protocol === "https:" ? https : http;
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(literal)) {
    // An address typed as such is never looked up, so it is checked here.
    if (isPrivateAddress(literal) && !opts.allowPrivate) {
      return Promise.reject(new OutboundError(`${literal} is a private or loopback address`, "if this registry really is on your internal network, turn on \"allow private network\" for it"));
    }
    address = literal;
  }
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      { method: opts.method ?? "GET", headers: opts.headers, lookup, timeout: timeoutMs, ...(url.protocol === "https:" ? { rejectUnauthorized: false } : {}) },
      (res) => {
        let size = 0;
        const chunks: Buffer[] = [];
        const socket = res.socket as TLSSocket;
        const certificate = url.protocol === "https:" ? socket.getPeerCertificate?.() : undefined;
        const tlsError = url.protocol === "https:" && !socket.authorized ? String(socket.authorizationError ?? "untrusted certificate") : undefined;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            reject(new OutboundError(`the response is larger than ${maxBytes} bytes`));
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), address, certificate, tlsError }));
        res.on("error", (e) => reject(e));
      },
    );
    req.on("timeout", () => req.destroy(new OutboundError(`no answer within ${timeoutMs / 1000} s`, "check the URL, the registry process and any firewall between Portcullis and it")));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (err instanceof OutboundError) return reject(err);
      const why =
        err.code === "ECONNREFUSED" ? "the connection was refused: nothing listens there" :
        err.code === "ENOTFOUND" ? `${url.hostname} does not resolve` :
        err.code === "ECONNRESET" ? "the connection was reset (an http:// URL for an https:// registry, or the reverse?)" :
        err.message;
      reject(new OutboundError(why, "check the URL, the registry process and any firewall between Portcullis and it"));
    });
    req.end();
  });
}
