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
  groups: Record<string, string[]>;
}) {
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
        grant_types: ["authorization_code"],
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
    async findAccount(_ctx, id) {
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
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
