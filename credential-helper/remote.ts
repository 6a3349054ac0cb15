import { CLIENT_ID, loopback, oauthEndpoint, parseBearerChallenge } from "./protocol";

/**
 * What the helper asks over the network, each with a deadline: the registry (which token service
 * it trusts), and Portcullis (device codes, polling, revocation).
 */
export const DEADLINE_MS = 10_000;

export class RemoteError extends Error {}

async function fetchWithDeadline(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(DEADLINE_MS) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === "TimeoutError"
        ? `no answer within ${DEADLINE_MS / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new RemoteError(`${new URL(url).origin} cannot be reached (${why})`);
  }
}

const form = (fields: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));

async function postForm(url: string, fields: Record<string, string | undefined>) {
  const res = await fetchWithDeadline(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": userAgent() },
    body: form(fields),
  });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return { status: res.status, body: body ?? {} };
}

let version = "0.0.0";
export const setVersion = (v: string) => (version = v);
export const userAgent = () => `${CLIENT_ID}/${version} (${process.platform}; node ${process.versions.node})`;

/**
 * The registry's token service, read from its 401 on /v2/ as docker does: HTTPS first, plain
 * HTTP only for loopback addresses (what docker allows without configuration) or when asked.
 */
export async function discover(host: string, plainHttp = false): Promise<{ realm: string; service: string }> {
  const schemes = plainHttp ? ["http"] : loopback(host) ? ["https", "http"] : ["https"];
  let last: Error | null = null;
  for (const scheme of schemes) {
    let res: Response;
    try {
      res = await fetchWithDeadline(`${scheme}://${host}/v2/`, { headers: { "User-Agent": userAgent() } });
    } catch (err) {
      last = err as Error;
      continue;
    }
    const challenge = parseBearerChallenge(res.headers.get("www-authenticate"));
    if (res.status === 401 && challenge) return challenge;
    throw new RemoteError(
      res.status === 200
        ? `${host} asks for no credentials: nothing to sign in to`
        : `${host} did not name a token service (HTTP ${res.status}); is it a registry that uses Portcullis?`,
    );
  }
  throw last ?? new RemoteError(`${host} cannot be reached`);
}

export interface DeviceCode {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval: number;
}

export async function requestDeviceCode(
  realm: string,
  service: string,
  opts: { scope?: string; deviceName?: string },
): Promise<DeviceCode> {
  const r = await postForm(oauthEndpoint(realm, "device/code"), {
    client_id: CLIENT_ID,
    service,
    scope: opts.scope,
    device_name: opts.deviceName,
  });
  if (r.status !== 200 || typeof r.body.device_code !== "string")
    throw new RemoteError(
      `Portcullis refused the sign-in: ${String(r.body.error_description ?? r.body.error ?? `HTTP ${r.status}`)}`,
    );
  return r.body as unknown as DeviceCode;
}

export type PollAnswer =
  { done: true; refreshToken: string; accessToken: string } | { done: false; error: string; description: string };

export async function pollOnce(realm: string, deviceCode: string): Promise<PollAnswer> {
  const r = await postForm(realm, {
    grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    device_code: deviceCode,
    client_id: CLIENT_ID,
  });
  if (r.status === 200 && typeof r.body.refresh_token === "string")
    return { done: true, refreshToken: r.body.refresh_token, accessToken: String(r.body.access_token ?? "") };
  return {
    done: false,
    error: String(r.body.error ?? `http_${r.status}`),
    description: String(
      r.body.error_description ?? (r.body.errors as { message?: string }[] | undefined)?.[0]?.message ?? "",
    ),
  };
}

/** RFC 7009: ends the refresh token at Portcullis (the console lists it no more). */
export async function revoke(realm: string, token: string): Promise<void> {
  const r = await postForm(oauthEndpoint(realm, "revoke"), { token, token_type_hint: "refresh_token" });
  if (r.status !== 200) throw new RemoteError(`Portcullis did not revoke the token (HTTP ${r.status})`);
}
