import { env } from "../config/env";

/** The client's address: the socket's, or the first X-Forwarded-For hop when a proxy is trusted. */
export function clientIp(forwardedFor: string | null | undefined, socketAddress: string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = forwardedFor?.split(",")[0]?.trim();
    if (fwd && /^[0-9a-fA-F:.]{2,45}$/.test(fwd)) return fwd;
  }
  return (socketAddress ?? "unknown").replace(/^::ffff:/, "");
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
  return clientIp(req.headers.get("x-forwarded-for"), req.headers.get("x-portcullis-socket-ip") ?? undefined, env().PORTCULLIS_TRUST_PROXY);
}
