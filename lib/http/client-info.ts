import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";
import { env } from "../config/env";

export type TrustProxy = (address: string, hop: number) => boolean;

/** The proxies whose X-Forwarded-For is believed (PORTCULLIS_TRUST_PROXY, compiled once). */
let trusted: TrustProxy | undefined;
const trustedProxies = (): TrustProxy => (trusted ??= compileTrust(env().trustedProxies));

/** proxy-addr's compiled matcher for names (loopback, linklocal, uniquelocal), addresses and CIDRs. */
export function compileTrust(list: readonly string[]): TrustProxy {
  return list.length ? proxyaddr.compile([...list]) : () => false;
}

/** One spelling per address, so that ::ffff:1.2.3.4 and 1.2.3.4 count as the same client. */
function canonical(ip: string): string | null {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : null;
}

/**
 * The client's address: walking X-Forwarded-For from the right, the first hop that is not a
 * trusted proxy (proxy-addr's semantics). Hops are believed only while each one was added by a
 * proxy we trust, so a client cannot name itself by writing the header; without trusted proxies
 * the header is ignored and the socket's address is the client's.
 */
export function clientIp(
  forwardedFor: string | null | undefined,
  socketAddress: string | undefined,
  trust?: TrustProxy,
): string {
  if (trust) return resolve(forwardedFor, socketAddress ?? "", trust);
  // With the configured proxies (fixed for the process), the same header and peer give the same
  // address: a fleet's requests come from a few, and every request asks (access log, endpoint).
  const key = `${forwardedFor ?? ""}\n${socketAddress ?? ""}`;
  let ip = recent.get(key);
  if (ip === undefined) {
    ip = resolve(forwardedFor, socketAddress ?? "", trustedProxies());
    if (recent.size >= 1000) recent.clear();
    recent.set(key, ip);
  }
  return ip;
}
const recent = new Map<string, string>();

function resolve(forwardedFor: string | null | undefined, socket: string, trust: TrustProxy): string {
  const view = {
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    socket: { remoteAddress: socket },
    connection: { remoteAddress: socket },
  };
  const addr = proxyaddr(view as unknown as IncomingMessage, trust);
  return canonical(addr) ?? canonical(socket) ?? "unknown";
}

/** Whether the socket's peer is a trusted proxy, whose X-Forwarded-Host and -Proto may be believed. */
export function fromTrustedProxy(socketAddress: string | undefined, trust: TrustProxy = trustedProxies()): boolean {
  return Boolean(socketAddress) && ipaddr.isValid(socketAddress!) && trust(socketAddress!, 0);
}

/** Decodes `Authorization: Basic …`; null when absent or malformed. */
export function parseBasicAuth(header: string | undefined | null): { username: string; secret: string } | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,4096})\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i <= 0) return null;
  return { username: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

export function parseBearer(header: string | undefined | null): string | null {
  const m = header ? /^Bearer\s+(\S{1,4096})\s*$/i.exec(header) : null;
  return m ? m[1] : null;
}

/** The address of a request that reached Next.js through server.ts (which sets the socket header). */
export function requestIp(req: Request): string {
  return clientIp(req.headers.get("x-forwarded-for"), req.headers.get("x-portcullis-socket-ip") ?? undefined);
}
