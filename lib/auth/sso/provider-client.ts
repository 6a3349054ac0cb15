import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { OidcConfig } from "../../config/env";

/**
 * Asking the identity provider again between console sign-ins: the refresh-token grant at its
 * token endpoint (discovered from the issuer), the new ID token verified against its keys (jose),
 * or its userinfo when the answer carries no ID token. Every call has a deadline; an answer that
 * is not the provider refusing the token is "unavailable", which changes nothing.
 */
const DEADLINE_MS = 10_000;

interface Discovery {
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

export type ProviderAnswer =
  | { ok: true; claims: Record<string, unknown>; refreshToken?: string }
  | { ok: false; reason: "refused"; message: string }
  | { ok: false; reason: "unavailable"; message: string };

let discovered: { issuer: string; at: number; doc: Discovery; keys: ReturnType<typeof createRemoteJWKSet> } | null =
  null;

async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(DEADLINE_MS), redirect: "error" });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the status says what happened
  }
  return { status: res.status, body };
}

async function discover(cfg: OidcConfig) {
  if (discovered && discovered.issuer === cfg.issuer && Date.now() - discovered.at < 3600_000) return discovered;
  const { status, body } = await fetchJson(`${cfg.issuer}/.well-known/openid-configuration`);
  if (status !== 200 || typeof body.token_endpoint !== "string" || typeof body.jwks_uri !== "string")
    throw new Error(`the discovery document at ${cfg.issuer} answered ${status} without token_endpoint and jwks_uri`);
  const doc = body as unknown as Discovery;
  discovered = {
    issuer: cfg.issuer,
    at: Date.now(),
    doc,
    keys: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: DEADLINE_MS }),
  };
  return discovered;
}

/** client_secret_basic unless the provider only takes client_secret_post (RFC 6749 §2.3.1). */
function clientAuth(cfg: OidcConfig, doc: Discovery, form: URLSearchParams): Record<string, string> {
  const methods = doc.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  if (!methods.includes("client_secret_basic") && methods.includes("client_secret_post")) {
    form.set("client_id", cfg.clientId);
    form.set("client_secret", cfg.clientSecret);
    return {};
  }
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return { Authorization: `Basic ${Buffer.from(`${enc(cfg.clientId)}:${enc(cfg.clientSecret)}`).toString("base64")}` };
}

/** The refresh-token grant, and the person's claims as the provider states them now; `sub` must stay the same. */
export async function refreshWithProvider(cfg: OidcConfig, refreshToken: string, sub: string): Promise<ProviderAnswer> {
  let d: Awaited<ReturnType<typeof discover>>;
  try {
    d = await discover(cfg);
  } catch (err) {
    return { ok: false, reason: "unavailable", message: (err as Error).message };
  }
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken });
  let answer: { status: number; body: Record<string, unknown> };
  try {
    answer = await fetchJson(d.doc.token_endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
        ...clientAuth(cfg, d.doc, form),
      },
      body: form,
    });
  } catch (err) {
    return {
      ok: false,
      reason: "unavailable",
      message: `the token endpoint did not answer: ${(err as Error).message}`,
    };
  }
  const { status, body } = answer;
  // RFC 6749 §5.2: invalid_grant is the provider refusing this refresh token (revoked, expired,
  // the person gone). Anything else (its own trouble, our client's configuration) changes nothing.
  if (status === 400 && body.error === "invalid_grant")
    return { ok: false, reason: "refused", message: String(body.error_description ?? "invalid_grant").slice(0, 300) };
  if (status !== 200 || typeof body.access_token !== "string")
    return {
      ok: false,
      reason: "unavailable",
      message: `the token endpoint answered ${status} ${String(body.error ?? "")}`.trim(),
    };
  const rotated = typeof body.refresh_token === "string" ? body.refresh_token : undefined;
  try {
    const claims =
      typeof body.id_token === "string"
        ? await verifiedIdToken(cfg, d.keys, body.id_token)
        : await userinfo(d.doc, body.access_token);
    if (claims.sub !== sub)
      return { ok: false, reason: "refused", message: "the provider answered for another subject" };
    return { ok: true, claims: { iss: cfg.issuer, ...claims }, refreshToken: rotated };
  } catch (err) {
    return { ok: false, reason: "unavailable", message: (err as Error).message };
  }
}

async function verifiedIdToken(
  cfg: OidcConfig,
  keys: ReturnType<typeof createRemoteJWKSet>,
  idToken: string,
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(idToken, keys, {
    issuer: cfg.issuer,
    audience: cfg.clientId,
    clockTolerance: 60,
  });
  return payload;
}

async function userinfo(doc: Discovery, accessToken: string): Promise<Record<string, unknown>> {
  if (!doc.userinfo_endpoint) throw new Error("the provider answered without an ID token and has no userinfo endpoint");
  const { status, body } = await fetchJson(doc.userinfo_endpoint, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (status !== 200) throw new Error(`the userinfo endpoint answered ${status}`);
  return body;
}
