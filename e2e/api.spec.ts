import crypto from "node:crypto";
import { API_ROUTES } from "../lib/http/api-catalog";
import { can, type Permission } from "../lib/auth/permissions";
import type { APIRequestContext } from "@playwright/test";
import type { CredentialKind } from "../lib/auth/authority";
import { ADMIN_PASSWORD, adminApi, basic, createUser, expect, expireToken, test, unique } from "./fixtures";

test("route x role x credential matrix: every automation route answers exactly 401/403/allowed", async ({
  request,
  playwright,
  baseURL,
}) => {
  // Every route × 16 callers, one after another (wrong secrets are slowed down on purpose): minutes, not seconds.
  test.setTimeout(300_000);
  const mint = async (auth: string, data: Record<string, unknown>) => {
    const r = await request.post("/api/v1/tokens", {
      data: { name: `matrix-${crypto.randomUUID()}`, expiresInDays: 1, ...data },
      headers: { Authorization: auth },
    });
    expect(r.status(), JSON.stringify(await r.json())).toBe(201);
    return (await r.json()) as { id: string; token: string };
  };
  const adminAuth = basic("admin", ADMIN_PASSWORD);
  const user = await createUser(request, "user");
  const auditor = await createUser(request, "auditor");
  const userAuth = basic(user.username, user.password);
  expect(
    (
      await adminApi(request, "POST", "/api/v1/grants", {
        subject: { type: "user", name: user.username },
        repository: `${user.username}/*`,
        actions: ["pull"],
      })
    ).status,
  ).toBe(201);
  const robot = unique("matrix-robot");
  expect((await adminApi(request, "POST", "/api/v1/service-accounts", { name: robot })).status).toBe(201);
  const refresh = await request.get(
    `/api/registry/token?service=${process.env.E2E_SERVICE ?? "e2e-registry"}&offline_token=true&client_id=matrix`,
    { headers: { Authorization: userAuth } },
  );
  const refreshToken = (await refresh.json()).refresh_token as string;
  const revoked = await mint(userAuth, {});
  expect(
    (await request.delete(`/api/v1/tokens/${revoked.id}`, { headers: { Authorization: userAuth } })).status(),
  ).toBe(200);
  const expired = await mint(userAuth, {});
  await expireToken(expired.id);
  const bearer = (t: string) => `Bearer ${t}`;

  // Delegation: a maintainer and a member of one team, and another team whose ids they must not reach.
  const maintainer = await createUser(request, "user");
  const member = await createUser(request, "user");
  const own = unique("matrix-own");
  const other = unique("matrix-other");
  const otherMember = await createUser(request, "user");
  for (const [team, people] of [
    [
      own,
      [
        [maintainer, "maintainer"],
        [member, "member"],
      ],
    ],
    [other, [[otherMember, "maintainer"]]],
  ] as const) {
    expect((await adminApi(request, "POST", "/api/v1/teams", { name: team })).status).toBe(201);
    expect((await adminApi(request, "POST", `/api/v1/teams/${team}/namespaces`, { pattern: `${team}/*` })).status).toBe(
      201,
    );
    for (const [p, role] of people)
      expect(
        (await adminApi(request, "POST", `/api/v1/teams/${team}/members`, { username: p.username, role })).status,
      ).toBe(201);
  }
  const otherRobot = unique("matrix-other-bot");
  expect((await adminApi(request, "POST", "/api/v1/service-accounts", { name: otherRobot, team: other })).status).toBe(
    201,
  );
  const otherGrant = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "team", name: other },
    repository: `${other}/*`,
    actions: ["pull"],
  });
  expect(otherGrant.status).toBe(201);
  // Asked by someone the team's grant does not reach (a member would already have it).
  const asker = await createUser(request, "user");
  const otherRequest = await request.post("/api/v1/me/access-requests", {
    data: { repository: `${other}/app`, actions: ["pull"], reason: "matrix" },
    headers: { Authorization: basic(asker.username, asker.password) },
  });
  expect(otherRequest.status()).toBe(201);
  const otherRequestId = (await otherRequest.json()).id as string;
  /** Someone else's ids, per kind of path: what a maintainer or member of `own` must find absent. */
  const othersIds = (p: string) =>
    p
      .replace(/^\/api\/v1\/teams\/\{name\}/, `/api/v1/teams/${other}`)
      .replace(/^\/api\/v1\/service-accounts\/\{name\}/, `/api/v1/service-accounts/${otherRobot}`)
      .replace(/^\/api\/v1\/grants\/\{id\}/, `/api/v1/grants/${otherGrant.body.id}`)
      .replace(/^\/api\/v1\/access-requests\/\{id\}/, `/api/v1/access-requests/${otherRequestId}`)
      .replace("{username}", otherMember.username);

  // Each caller: how it authenticates, the role it acts with, and the kind of credential it is.
  type Caller = {
    auth?: string;
    session?: { username: string; password: string };
    role: string | null;
    kind: CredentialKind | "none" | "invalid";
    /** A team's maintainer or member, sent to another team's ids: delegated routes answer 404. */
    steward?: true;
  };
  const callers: Record<string, Caller> = {
    anonymous: { role: null, kind: "none" },
    userSession: { session: user, role: "user", kind: "session" },
    adminSession: { session: { username: "admin", password: ADMIN_PASSWORD }, role: "admin", kind: "session" },
    userPassword: { auth: userAuth, role: "user", kind: "password" },
    auditorPassword: { auth: basic(auditor.username, auditor.password), role: "auditor", kind: "password" },
    adminPassword: { auth: adminAuth, role: "admin", kind: "password" },
    userToken: { auth: bearer((await mint(userAuth, {})).token), role: "user", kind: "token" },
    adminToken: { auth: bearer((await mint(adminAuth, {})).token), role: "admin", kind: "token" },
    userScopedToken: {
      auth: bearer(
        (await mint(userAuth, { scopes: [{ repository: `${user.username}/app`, actions: ["pull"] }] })).token,
      ),
      role: "user",
      kind: "scoped_token",
    },
    adminScopedToken: {
      auth: basic("admin", (await mint(adminAuth, { scopes: [{ repository: "matrix/*", actions: ["pull"] }] })).token),
      role: "admin",
      kind: "scoped_token",
    },
    robotToken: {
      auth: bearer((await mint(adminAuth, { serviceAccount: robot })).token),
      role: null,
      kind: "robot_token",
    },
    maintainerPassword: {
      auth: basic(maintainer.username, maintainer.password),
      role: "user",
      kind: "password",
      steward: true,
    },
    memberPassword: { auth: basic(member.username, member.password), role: "user", kind: "password", steward: true },
    refreshToken: { auth: bearer(refreshToken), role: null, kind: "invalid" },
    refreshTokenAsPassword: { auth: basic(user.username, refreshToken), role: null, kind: "invalid" },
    revokedToken: { auth: bearer(revoked.token), role: null, kind: "invalid" },
    expiredToken: { auth: basic(user.username, expired.token), role: null, kind: "invalid" },
  };
  const contexts: Record<string, APIRequestContext> = {};
  for (const [name, c] of Object.entries(callers)) {
    if (!c.session) continue;
    const ctx = await playwright.request.newContext({ baseURL });
    const csrf = await (await ctx.get("/api/auth/csrf")).json();
    await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, username: c.session.username, password: c.session.password, json: "true" },
    });
    expect((await (await ctx.get("/api/v1/me")).json()).via, name).toBe("session");
    contexts[name] = ctx;
  }
  const fill = (p: string) =>
    p
      .replace("{username}", "no-such-user")
      .replace("{name}", "no-such-name")
      .replace("{id}", crypto.randomUUID())
      .replace("{format}", "zot")
      .replace("{registry}", "no-such-registry");
  let checked = 0;
  for (const r of API_ROUTES) {
    for (const [name, c] of Object.entries(callers)) {
      const write = r.method === "POST" || r.method === "PATCH";
      const res = await (contexts[name] ?? request).fetch(fill(c.steward ? othersIds(r.path) : r.path), {
        method: r.method,
        headers: {
          ...(c.auth ? { Authorization: c.auth } : {}),
          ...(c.session ? { Origin: new URL(baseURL!).origin } : {}),
        },
        ...(write ? { data: {} } : {}),
      });
      const label = `${name} ${r.method} ${r.path} -> ${res.status()}`;
      expect(res.status(), label).toBeLessThan(500);
      if (r.access === "public") expect([401, 403], label).not.toContain(res.status());
      else if (c.kind === "none" || c.kind === "invalid") {
        expect(res.status(), label).toBe(401);
        expect(res.headers()["www-authenticate"], label).toContain("Basic");
      } else if (!r.credentials.includes(c.kind)) expect(res.status(), label).toBe(403);
      else if (r.access === "authenticated" || can(c.role ?? undefined, r.access as Permission))
        expect([401, 403], label).not.toContain(res.status());
      else if (r.delegated && c.steward && r.path.includes("{"))
        // Someone else's team, robot, grant or request: not found (a write's empty body may be refused first).
        expect(write ? [404, 422] : [404], label).toContain(res.status());
      else if (r.delegated)
        // Admitted, and narrowed to what the caller stewards: an empty list, a refusal with the reason, or 404.
        expect([200, 403, 404, 422], label).toContain(res.status());
      else expect(res.status(), label).toBe(403);
      // Successes may be files (exports, policies); every error is the JSON error shape.
      if (res.status() >= 400)
        expect((await res.json()).error, label).toMatchObject({
          code: expect.any(String),
          message: expect.any(String),
        });
      checked++;
    }
  }
  expect(checked).toBe(API_ROUTES.length * Object.keys(callers).length);
  for (const ctx of Object.values(contexts)) await ctx.dispose();
});

test("the OpenAPI document lists every route", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  const ids = new Set<string>();
  for (const r of API_ROUTES) {
    const op = doc.paths[r.path]?.[r.method.toLowerCase()];
    expect(op, `${r.method} ${r.path}`).toBeTruthy();
    expect(ids.has(op.operationId), `unique operationId ${op.operationId}`).toBe(false);
    ids.add(op.operationId);
    if (r.access !== "public") expect(op.responses["401"].headers["WWW-Authenticate"], r.key).toBeTruthy();
  }
  expect(doc.paths["/api/v1/audit-events"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(["from", "actor", "outcome", "cursor", "limit"]),
  );
  expect(doc.paths["/api/v1/policies/{format}"].get.parameters[0].schema.enum).toEqual(["docker-auth", "zot"]);
  expect(
    doc.paths["/api/v1/users"].post.requestBody.content["application/json"].schema.properties.username,
  ).toBeTruthy();
});

test("users, teams, grants and tokens through the API, with clear errors", async ({ request }) => {
  const name = unique("ci");
  const created = await adminApi(request, "POST", "/api/v1/users", {
    username: name,
    password: "long-enough-pw",
    role: "user",
    email: `${name}@example.com`,
  });
  expect(created.status).toBe(201);
  expect(created.body).not.toHaveProperty("passwordHash");
  expect(
    (await adminApi(request, "POST", "/api/v1/users", { username: name, password: "long-enough-pw" })).status,
  ).toBe(409);
  const bad = await adminApi(request, "POST", "/api/v1/users", { username: "Bad Name$", password: "x" });
  expect(bad.status).toBe(422);
  expect(bad.body.error.message).toMatch(/username/);
  expect(
    (
      await adminApi(request, "POST", "/api/v1/users", {
        username: unique("u"),
        password: "long-enough-pw",
        role: "god",
      })
    ).status,
  ).toBe(422);
  expect(
    (
      await adminApi(request, "POST", "/api/v1/users", {
        username: unique("u"),
        password: "long-enough-pw",
        isAdmin: true,
      })
    ).status,
  ).toBe(422);

  const team = unique("team");
  expect((await adminApi(request, "POST", "/api/v1/teams", { name: team })).status).toBe(201);
  expect((await adminApi(request, "POST", `/api/v1/teams/${team}/members`, { username: name })).status).toBe(201);
  const g = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "team", name: team },
    repository: `${team}/*`,
    actions: ["pull", "push"],
  });
  expect(g.status).toBe(201);
  const covered = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "team", name: team },
    repository: `${team}/app`,
    actions: ["pull"],
  });
  expect(covered.status).toBe(409);
  expect(covered.body.error.message).toMatch(/already covered/);
  expect(
    (
      await adminApi(request, "POST", "/api/v1/grants", {
        subject: { type: "team", name: team },
        repository: "team/../x",
        actions: ["pull"],
      })
    ).status,
  ).toBe(422);
  expect(
    (
      await adminApi(request, "POST", "/api/v1/grants", {
        subject: { type: "user", name: "nobody-here" },
        repository: "x",
        actions: ["pull"],
      })
    ).status,
  ).toBe(404);

  // The user mints a token with Basic auth, uses it as Bearer; it shows once, then only its prefix.
  const auth = { Authorization: basic(name, "long-enough-pw") };
  const minted = await request.post("/api/v1/tokens", {
    headers: auth,
    data: { name: "ci", expiresInDays: 30, scopes: [{ repository: `${team}/app`, actions: ["pull"] }] },
  });
  expect(minted.status()).toBe(201);
  const t = await minted.json();
  expect(t.token).toMatch(/^pct_/);
  const listed = await (await request.get("/api/v1/tokens", { headers: auth })).json();
  expect(listed.tokens.map((x: { id: string }) => x.id)).toContain(t.id);
  expect(JSON.stringify(listed)).not.toContain(t.token);
  // A scoped token is a registry credential: it mints nothing, not even a narrower token.
  const broader = await request.post("/api/v1/tokens", {
    headers: { Authorization: `Bearer ${t.token}` },
    data: { name: "wider", expiresInDays: 30 },
  });
  expect(broader.status()).toBe(403);
  const narrower = await request.post("/api/v1/tokens", {
    headers: { Authorization: `Bearer ${t.token}` },
    data: { name: "same", expiresInDays: 1, scopes: [{ repository: `${team}/app`, actions: ["pull"] }] },
  });
  expect(narrower.status()).toBe(403);
  // Beyond the owner's grants.
  const beyond = await request.post("/api/v1/tokens", {
    headers: auth,
    data: { name: "x", expiresInDays: 30, scopes: [{ repository: "other/*", actions: ["push"] }] },
  });
  expect(beyond.status()).toBe(422);
  // Someone else's token is 404, not 403.
  const other = await createUser(request);
  const notMine = await request.delete(`/api/v1/tokens/${t.id}`, {
    headers: { Authorization: basic(other.username, other.password) },
  });
  expect(notMine.status()).toBe(404);
  expect((await request.delete(`/api/v1/tokens/${t.id}`, { headers: auth })).status()).toBe(200);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${t.token}` } })).status()).toBe(401);
});

test("cookie sessions cannot change state from a foreign origin", async ({ page }) => {
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username: "admin", password: ADMIN_PASSWORD, json: "true" },
  });
  const res = await page.request.post("/api/v1/teams", {
    data: { name: unique("evil") },
    headers: { Origin: "https://evil.example" },
  });
  expect(res.status()).toBe(403);
  // Opaque and unparsable origins, and a forged X-Forwarded-Host with no trusted proxy in front: 403, never 500.
  const attempts: Record<string, string>[] = [
    { Origin: "null" },
    { Origin: "http://[::1" },
    { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
  ];
  for (const headers of attempts) {
    const r = await page.request.post("/api/v1/teams", { data: { name: unique("evil") }, headers });
    expect(r.status(), JSON.stringify(headers)).toBe(403);
    expect((await r.json()).error.message).toMatch(/cross-origin/);
  }
});

test("token endpoint answers the docker CLI's error shape and health stays green", async ({ request }) => {
  const service = process.env.E2E_SERVICE ?? "e2e-registry";
  const wrong = await request.get(`/api/registry/token?service=${service}&scope=repository:a/b:pull`, {
    headers: { Authorization: basic("admin", "nope") },
  });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({
    errors: [{ code: "UNAUTHORIZED", message: expect.stringMatching(/incorrect username/) }],
  });
  const unknownService = await request.get(`/api/registry/token?service=elsewhere`);
  expect(unknownService.status()).toBe(400);
  const ok = await request.get(`/api/registry/token?service=${service}&scope=repository:a/b:pull,push`, {
    headers: { Authorization: basic("admin", ADMIN_PASSWORD) },
  });
  const body = await ok.json();
  expect(body).toMatchObject({
    token: expect.any(String),
    access_token: expect.any(String),
    expires_in: 300,
    issued_at: expect.any(String),
  });
  const certs = await request.get("/api/registry/certs.pem");
  expect(await certs.text()).toContain("BEGIN CERTIFICATE");
  const yml = await (await request.get(`/api/registry/config.yml?service=${service}`)).text();
  expect(yml).toContain(`service: "${service}"`);
  expect(yml).toContain("/api/registry/token");
});

test("the token lifetime is an operator setting, validated, audited, and applied", async ({ request }) => {
  const bad = await adminApi(request, "PATCH", "/api/v1/settings", { tokenTtlSeconds: 10 });
  expect(bad.status).toBe(422);
  const ok = await adminApi(request, "PATCH", "/api/v1/settings", { tokenTtlSeconds: 600 });
  expect(ok.status).toBe(200);
  expect(ok.body.tokenTtlSeconds).toBe(600);
  const service = process.env.E2E_SERVICE ?? "e2e-registry";
  const t = await request.get(`/api/registry/token?service=${service}`, {
    headers: { Authorization: basic("admin", ADMIN_PASSWORD) },
  });
  expect((await t.json()).expires_in).toBe(600);
  expect((await adminApi(request, "PATCH", "/api/v1/settings", { tokenTtlSeconds: 300 })).status).toBe(200);
  const audit = await adminApi(request, "GET", "/api/v1/audit-events?action=settings.update&limit=1");
  expect(audit.body.events[0].details.after).toEqual({ tokenTtlSeconds: 300 });
});

test("a registry has a kind (distribution by default); an unknown kind is refused with the choices", async ({
  request,
}) => {
  const name = unique("kind");
  const created = await adminApi(request, "POST", "/api/v1/registries", {
    name,
    url: "https://registry.example.com",
    service: `${name}.example.com`,
  });
  expect(created.status).toBe(201);
  expect(created.body.kind).toBe("distribution");
  const refused = await adminApi(request, "POST", "/api/v1/registries", {
    name: unique("kind"),
    url: "https://registry.example.com",
    service: `${unique("kind")}.example.com`,
    kind: "quay",
  });
  expect(refused.status).toBe(422);
  expect(refused.body.error.message).toMatch(/kind.*distribution/);
  expect((await adminApi(request, "DELETE", `/api/v1/registries/${encodeURIComponent(name)}`)).status).toBe(200);
});
