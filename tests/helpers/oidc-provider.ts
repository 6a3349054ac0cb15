import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID Provider (oidc-provider, the OpenID-certified implementation) on 127.0.0.1 for
 * tests: one confidential client for Portcullis, PKCE required, its own login and consent pages
 * (any password; the account is the login name), and a `groups` claim from `groups`.
 */
export async function startOidcProvider(opts: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Read at every answer: change it to change what the provider says. */
  groups: Record<string, string[]>;
  /** Issue a refresh token at every code exchange, as Keycloak does (default: only for offline_access). */
  refreshTokens?: boolean;
}) {
  /** Accounts removed from the provider: their refresh tokens are refused (invalid_grant). */
  const removed = new Set<string>();
  // The issuer names its own port: listen first, then make the provider for that address.
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: opts.refreshTokens ? ["authorization_code", "refresh_token"] : ["authorization_code"],
        response_types: ["code"],
      },
    ],
    scopes: ["openid", "profile", "email", "groups"],
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    // The claims go into the ID token, as Keycloak and Entra ID do with their groups claim.
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ["S256"] },
    cookies: { keys: ["portcullis-test-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    ...(opts.refreshTokens ? { issueRefreshToken: async () => true } : {}),
    async findAccount(_ctx, id) {
      if (removed.has(id)) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: `sub-${id}`,
            preferred_username: id,
            name: `${id} (test IdP)`,
            email: `${id}@idp.example`,
            email_verified: true,
            groups: opts.groups[id] ?? [],
          };
        },
      };
    },
  });
  server.on("request", app.callback());
  return {
    issuer,
    remove: (id: string) => removed.add(id),
    /** Listens again on the same address after stop() (its state is kept). */
    start: () => new Promise<void>((r) => server.listen(Number(new URL(issuer).port), "127.0.0.1", r)),
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The authorization code flow with PKCE driven without a browser, through the provider's own
 * login and consent pages (devInteractions): what a console sign-in leaves, the tokens.
 */
export async function signInAtProvider(
  issuer: string,
  client: { clientId: string; clientSecret: string; redirectUri: string; scope?: string },
  login: string,
): Promise<{ idToken: string; refreshToken?: string; claims: Record<string, unknown> }> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string>),
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  const verifier = crypto.randomBytes(32).toString("base64url");
  const auth = new URL(`${issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: "code",
    scope: client.scope ?? "openid profile email groups",
    redirect_uri: client.redirectUri,
    code_challenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state: crypto.randomBytes(8).toString("hex"),
    nonce: crypto.randomBytes(8).toString("hex"),
  }).toString();
  let location = (await go(auth.toString())).headers.get("location") ?? "";
  for (let step = 0; step < 8 && !location.startsWith(client.redirectUri); step++) {
    const url = new URL(location, issuer).toString();
    const interaction = /\/interaction\/[^/]+$/.test(new URL(url).pathname);
    if (!interaction) {
      location = (await go(url)).headers.get("location") ?? "";
      continue;
    }
    const page = await (await go(url)).text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? "login";
    const form = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
    location =
      (
        await go(url, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        })
      ).headers.get("location") ?? "";
  }
  const code = new URL(location).searchParams.get("code");
  if (!code) throw new Error(`the provider sent no code: ${location}`);
  const res = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await res.json()) as { id_token?: string; refresh_token?: string; error?: string };
  if (!body.id_token) throw new Error(`the code exchange failed: ${JSON.stringify(body)}`);
  const claims = JSON.parse(Buffer.from(body.id_token.split(".")[1], "base64url").toString()) as Record<
    string,
    unknown
  >;
  return { idToken: body.id_token, refreshToken: body.refresh_token, claims };
}
