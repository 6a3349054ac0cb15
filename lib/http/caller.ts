import type { Caller } from "../auth/caller";
import { authenticate } from "../auth/credentials";
import { AppError } from "../errors";
import { fromTrustedProxy, parseBasicAuth, parseBearer, requestIp } from "./client-info";

const unauthorized = () =>
  new AppError(
    "unauthorized",
    "authentication required: sign in, or send HTTP Basic credentials or a Bearer access token",
  );

/**
 * Whether a request comes from the console's own origin: the Origin header's host must equal the
 * host the request was addressed to (X-Forwarded-Host only when a trusted proxy sent the request).
 * `Origin: null`, an unparsable or a missing Origin is foreign.
 */
export function sameOrigin(
  origin: string | null,
  host: string | null,
  forwardedHost: string | null,
  viaTrustedProxy: boolean,
): boolean {
  const target = (viaTrustedProxy && forwardedHost ? forwardedHost.split(",")[0].trim() : host)?.toLowerCase();
  if (!origin || !target || !URL.canParse(origin)) return false;
  const o = new URL(origin);
  return (o.protocol === "http:" || o.protocol === "https:") && o.host === target;
}

/** A cookie session may change state only from our own origin (CSRF). */
function assertSameOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD") return;
  const h = req.headers;
  if (
    !sameOrigin(
      h.get("origin"),
      h.get("host"),
      h.get("x-forwarded-host"),
      fromTrustedProxy(h.get("x-portcullis-socket-ip") ?? undefined),
    )
  ) {
    throw new AppError(
      "forbidden",
      "cross-origin request refused: state-changing requests must come from the console's own origin",
    );
  }
}

export async function resolveCaller(req: Request): Promise<Caller> {
  const header = req.headers.get("authorization");
  if (header) {
    const basic = parseBasicAuth(header);
    const bearer = parseBearer(header);
    // Bearer: access tokens only; the token names its owner.
    const creds = basic ?? (bearer ? { username: null, secret: bearer } : null);
    if (!creds) throw unauthorized();
    const r = await authenticate(creds.username, creds.secret, requestIp(req));
    if (!r.ok) throw unauthorized();
    if (r.subject.kind === "service_account") return { ...r.subject, via: "token", credential: r.credential };
    return { ...r.subject, via: r.credential.type === "token" ? "token" : "password", credential: r.credential };
  }
  // Loaded only for cookie sessions: scripts with Basic or Bearer credentials never load next-auth.
  const user = await (await import("../auth/session")).currentUser();
  if (!user) throw unauthorized();
  assertSameOrigin(req);
  return { kind: "user", id: user.id, name: user.username, role: user.role, via: "session" };
}
