import { auditBatcher } from "../audit/batcher";
import { env } from "../config/env";
import { authenticate, type AuthResult, type Credential } from "../auth/credentials";
import { looksLikeToken } from "../registry/pat";
import { findRegistryByService } from "../db/registries";
import { buildClaims, signJwt } from "../registry/jwt";
import { parseScopes } from "../registry/scope";
import { getSettings } from "../settings";
import { askedFields, decide } from "./decision";
import { loadPrincipal } from "./principal";
import { issueRefreshToken, redeemRefreshToken } from "./refresh-tokens";
import { redeemDeviceCode, type DeviceRedemption } from "./device-grant";
import { activeSigner } from "./signer";
import { noteActor } from "../server/request-context";
import { followExternalAccount } from "../auth/follow-up";

/** A token request as both transports (GET with Basic, POST OAuth2 form) reduce it. */
export interface TokenRequest {
  service: string | undefined;
  scopes: string[];
  /** From Basic auth or the OAuth2 password grant; absent for anonymous requests. */
  credentials?: { username: string; secret: string };
  refreshToken?: string;
  /** RFC 8628: a device polling with its device code. */
  deviceCode?: string;
  offline: boolean;
  clientId?: string;
  account?: string;
  clientIp: string;
  userAgent?: string;
  requestId: string;
  form: "basic" | "oauth2";
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** For the metrics: the decision, its first reason code and the kind of credential (all bounded sets). */
  outcome?: TokenOutcome;
}

export interface TokenOutcome {
  outcome: "granted" | "partial" | "denied" | "unauthorized" | "invalid" | "unavailable" | "error";
  reason: string;
  credential: "password" | "token" | "robot_token" | "refresh_token" | "device_code" | "anonymous" | "unknown";
}

/** The kind of credential a request presented, for the metrics. */
function credentialKindOf(req: TokenRequest, credential?: Credential): TokenOutcome["credential"] {
  if (req.deviceCode !== undefined) return "device_code";
  if (req.refreshToken !== undefined) return "refresh_token";
  if (!req.credentials) return "anonymous";
  if (credential?.type === "token" || looksLikeToken(req.credentials.secret))
    return req.credentials.secret.startsWith("pcr_") ? "robot_token" : "token";
  return "password";
}

/** The registry's own error shape, which the docker CLI prints as "<code>: <message>". */
function error(
  status: number,
  code: string,
  message: string,
  outcome: TokenOutcome,
  headers?: Record<string, string>,
): TokenResponse {
  return { status, body: { errors: [{ code, message }] }, headers, outcome };
}

const serviceCache = new Map<string, { at: number; known: boolean }>();
async function knownService(service: string): Promise<boolean> {
  const c = serviceCache.get(service);
  if (c && Date.now() - c.at < 10_000) return c.known;
  const known = Boolean(await findRegistryByService(service));
  if (serviceCache.size > 1000) serviceCache.clear();
  serviceCache.set(service, { at: Date.now(), known });
  return known;
}

/**
 * The token endpoint: authenticate, decide with authorize(), sign, record. Wrong credentials are
 * a 401 with a terse message; the full reason goes to the audit log only.
 */
export async function handleTokenRequest(req: TokenRequest): Promise<TokenResponse> {
  let device: Extract<DeviceRedemption, { ok: true }> | undefined;
  if (req.deviceCode !== undefined) {
    const d = await redeemDeviceCode(req, req.deviceCode);
    if (!d.ok) return d.response;
    device = d;
    req = { ...req, service: d.service };
  }
  const base = { clientIp: req.clientIp, userAgent: req.userAgent, requestId: req.requestId };
  const invalid = (reason: string): TokenOutcome => ({ outcome: "invalid", reason, credential: credentialKindOf(req) });
  if (!req.service) return error(400, "INVALID_REQUEST", "the service parameter is required", invalid("no_service"));
  if (!(await knownService(req.service))) {
    return error(
      400,
      "INVALID_REQUEST",
      `unknown service "${req.service.slice(0, 100)}": register the registry in Portcullis with this service name`,
      invalid("unknown_service"),
    );
  }
  let auth: AuthResult | null = null;
  if (device) {
    auth = { ok: true, subject: device.subject, credential: device.credential };
  } else if (req.refreshToken !== undefined) {
    const r = await redeemRefreshToken(req.refreshToken, req.service, req.clientIp);
    auth = r.ok
      ? r
      : { ok: false, reason: r.reason === "wrong_service" ? "unknown_token" : r.reason, username: r.username ?? "" };
  } else if (req.credentials) {
    auth = await authenticate(req.credentials.username, req.credentials.secret, req.clientIp);
  }

  // Tokens of directory and SSO accounts follow the directory or the identity provider too.
  if (auth?.ok && auth.credential.type !== "password") {
    const d = await followExternalAccount(auth.subject, req.clientIp);
    if (d === "gone") auth = { ok: false, reason: "account_disabled", username: auth.subject.name };
    else if (d === "ended") auth = { ok: false, reason: "sso_session_ended", username: auth.subject.name };
    else if (d === "synced") auth = { ...auth, rules: undefined };
  }

  if (auth && !auth.ok) {
    const { scopes, malformed } = parseScopes(req.scopes);
    await auditBatcher().record({
      ...base,
      actorKind: "anonymous",
      actorName: auth.username || null,
      credential:
        req.refreshToken !== undefined
          ? "refresh_token"
          : req.credentials && /^(pct|pcr)_/.test(req.credentials.secret)
            ? "token"
            : "password",
      action: "token.issue",
      outcome: "denied",
      reason: auth.reason,
      ...askedFields(scopes),
      details: { service: req.service, form: req.form, ...(malformed.length ? { malformed } : {}) },
    });
    if (auth.reason === "directory_unavailable")
      return error(
        503,
        "UNAVAILABLE",
        "the company directory did not answer: retry shortly, or use an access token (they do not need the directory)",
        { outcome: "unavailable", reason: auth.reason, credential: credentialKindOf(req) },
        { "Retry-After": "10" },
      );
    // The credential itself was right: its holder may learn why the provider's word is missing.
    if (auth.reason === "sso_session_ended")
      return error(
        401,
        "UNAUTHORIZED",
        `your single sign-on session ended (${env().oidc?.name ?? "the identity provider"} no longer vouches for you): sign in to the console again, then retry`,
        { outcome: "unauthorized", reason: auth.reason, credential: credentialKindOf(req) },
        { "WWW-Authenticate": 'Basic realm="portcullis"' },
      );
    return error(
      401,
      "UNAUTHORIZED",
      "authentication failed: incorrect username, password or token",
      { outcome: "unauthorized", reason: auth.reason, credential: credentialKindOf(req) },
      { "WWW-Authenticate": 'Basic realm="portcullis"' },
    );
  }

  const subject = auth?.ok ? auth.subject : null;
  noteActor(req.requestId, subject?.name);
  const credential = auth?.ok ? auth.credential : undefined;
  const principal = await loadPrincipal(subject, credential, auth?.ok ? auth.rules : undefined);
  const settings = await getSettings();
  const signer = await activeSigner(req.service);
  const decision = decide(principal, subject, credential, {
    service: req.service,
    scopes: req.scopes,
    form: req.form,
    account: req.account && req.account !== subject?.name ? req.account : undefined,
    kid: signer.kid,
  });
  const claims = buildClaims({
    issuer: env().PORTCULLIS_ISSUER,
    subject: subject?.name ?? "",
    service: req.service,
    access: decision.access,
    ttlSeconds: settings.tokenTtlSeconds,
  });
  const token = signJwt(claims, signer);
  await auditBatcher().recordBody(
    decision.auditBody({
      time: new Date(),
      jti: claims.jti,
      clientIp: req.clientIp,
      userAgent: req.userAgent,
      requestId: req.requestId,
    }),
  );

  const body: Record<string, unknown> = {
    token,
    access_token: token,
    expires_in: claims.exp - claims.iat,
    issued_at: new Date(claims.iat * 1000).toISOString(),
  };
  if (device) {
    body.token_type = "Bearer";
    body.refresh_token = device.refreshToken;
  } else if (subject && credential && req.offline) {
    body.refresh_token = await issueRefreshToken(subject, credential, req.service, {
      clientId: req.clientId,
      userAgent: req.userAgent,
      clientIp: req.clientIp,
    });
  }
  return {
    status: 200,
    body,
    outcome: { outcome: decision.outcome, reason: decision.reason, credential: credentialKindOf(req, credential) },
  };
}
