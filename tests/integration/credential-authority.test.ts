// A credential never acts beyond itself: the route handlers exactly as Next.js mounts them, called
// with Basic and Bearer credentials against real PostgreSQL (no session needed for these paths).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as me from "../../app/api/v1/me/route";
import * as tokens from "../../app/api/v1/tokens/route";
import * as oneToken from "../../app/api/v1/tokens/[id]/route";
import * as rotate from "../../app/api/v1/tokens/[id]/rotate/route";
import * as htpasswd from "../../app/api/v1/htpasswd/route";
import * as teams from "../../app/api/v1/teams/route";
import { db } from "../../lib/db/client";
import { mintToken, revokeToken } from "../../lib/services/tokens";
import { grant, makeToken, makeUser, uniqueName } from "../helpers/factories";
import { call } from "../helpers/http";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "authority-registry";
const server = tokenServerForFile(SERVICE);

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const basic = (u: string, p: string) => ({ Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });

async function person(role: "admin" | "user" = "user") {
  const u = await makeUser({ role });
  await grant({
    subject: { type: "user", name: u.username },
    repository: `${u.username}/*`,
    actions: ["pull", "push"],
  });
  const full = await makeToken(u.caller, { expiresInDays: 30 });
  const scoped = await makeToken(u.caller, {
    expiresInDays: 30,
    scopes: [{ repository: `${u.username}/app`, actions: ["pull"] }],
  });
  return { ...u, full, scoped };
}

test("a scoped token cannot rotate, read, list or revoke its owner's unscoped token", async () => {
  const u = await person();
  const id = { id: u.full.id };
  const r = await call(rotate.POST, "POST", `/api/v1/tokens/${u.full.id}/rotate`, bearer(u.scoped.token), {
    body: {},
    params: id,
  });
  assert.equal(r.status, 403);
  assert.match(r.body.error!.message, /limited to registry scopes/);
  assert.equal(r.body.token, undefined);
  assert.equal(
    (await call(oneToken.GET, "GET", `/api/v1/tokens/${u.full.id}`, bearer(u.scoped.token), { params: id })).status,
    403,
  );
  assert.equal(
    (await call(oneToken.DELETE, "DELETE", `/api/v1/tokens/${u.full.id}`, bearer(u.scoped.token), { params: id }))
      .status,
    403,
  );
  assert.equal((await call(tokens.GET, "GET", "/api/v1/tokens", bearer(u.scoped.token))).status, 403);
  assert.equal(
    (
      await call(tokens.POST, "POST", "/api/v1/tokens", bearer(u.scoped.token), {
        body: { name: "x", expiresInDays: 1, scopes: [{ repository: `${u.username}/app`, actions: ["pull"] }] },
      })
    ).status,
    403,
  );
  // The secret did not change: the unscoped token still works, and it was not revoked.
  assert.equal((await call(me.GET, "GET", "/api/v1/me", bearer(u.full.token))).status, 200);
  // What a scoped token may do on the API: say who it belongs to.
  const who = await call(me.GET, "GET", "/api/v1/me", bearer(u.scoped.token));
  assert.deepEqual([who.status, who.body.name, who.body.via], [200, u.username, "token"]);
});

test("an admin's scoped token has none of the admin's powers over tokens or anything else", async () => {
  const admin = await person("admin");
  const victim = await person();
  const robot = await db().serviceAccount.create({ data: { name: uniqueName("robot") } });
  const robotToken = await mintToken(admin.caller, { name: "ci", expiresInDays: 10, serviceAccount: robot.name });
  const h = bearer(admin.scoped.token);
  assert.equal((await call(tokens.GET, "GET", "/api/v1/tokens?all=true", h)).status, 403);
  for (const id of [victim.full.id, robotToken.id]) {
    assert.equal((await call(oneToken.GET, "GET", `/api/v1/tokens/${id}`, h, { params: { id } })).status, 403);
    assert.equal((await call(oneToken.DELETE, "DELETE", `/api/v1/tokens/${id}`, h, { params: { id } })).status, 403);
    const r = await call(rotate.POST, "POST", `/api/v1/tokens/${id}/rotate`, h, {
      body: { graceHours: 0 },
      params: { id },
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.token, undefined);
  }
  assert.equal((await call(teams.POST, "POST", "/api/v1/teams", h, { body: { name: uniqueName("t") } })).status, 403);
  assert.equal(
    (await call(htpasswd.POST, "POST", "/api/v1/htpasswd", h, { body: { accounts: { type: "all" } } })).status,
    403,
  );
  // Nothing was rotated or revoked.
  const after = await db().accessToken.findMany({
    where: { id: { in: [victim.full.id, robotToken.id] } },
    select: { revokedAt: true, graceUntil: true },
  });
  assert.deepEqual(
    after.map((t) => [t.revokedAt, t.graceUntil]),
    [
      [null, null],
      [null, null],
    ],
  );
});

test("rotating someone else's token never hands its secret to anyone but its owner", async () => {
  const admin = await person("admin");
  const victim = await person();
  const id = { id: victim.full.id };
  for (const h of [basic(admin.username, admin.password), bearer(admin.full.token)]) {
    const r = await call(rotate.POST, "POST", `/api/v1/tokens/${victim.full.id}/rotate`, h, { body: {}, params: id });
    assert.equal(r.status, 403);
    assert.match(r.body.error!.message, new RegExp(`only ${victim.username} can rotate`));
    assert.equal(r.body.token, undefined);
  }
  // The admin may still see and revoke it.
  assert.equal(
    (await call(oneToken.GET, "GET", `/api/v1/tokens/${victim.full.id}`, bearer(admin.full.token), { params: id }))
      .status,
    200,
  );
  // Its owner rotates it and gets the secret.
  const own = await call(
    rotate.POST,
    "POST",
    `/api/v1/tokens/${victim.full.id}/rotate`,
    basic(victim.username, victim.password),
    { body: { graceHours: 0 }, params: id },
  );
  assert.equal(own.status, 200);
  assert.match(String(own.body.token), /^pct_/);
});

test("an unscoped token mints, rotates and generates nothing that outlives it", async () => {
  const admin = await makeUser({ role: "admin" });
  const short = await makeToken(admin.caller, { expiresInDays: 5 });
  const h = bearer(short.token);
  const longer = await call(tokens.POST, "POST", "/api/v1/tokens", h, { body: { name: "longer", expiresInDays: 30 } });
  assert.equal(longer.status, 403);
  assert.match(longer.body.error!.message, /cannot create a credential that lives longer/);
  assert.equal(
    (await call(tokens.POST, "POST", "/api/v1/tokens", h, { body: { name: "shorter", expiresInDays: 2 } })).status,
    201,
  );

  const robot = await db().serviceAccount.create({ data: { name: uniqueName("robot") } });
  const robotLong = await mintToken(admin.caller, { name: "long", expiresInDays: 90, serviceAccount: robot.name });
  const robotShort = await mintToken(admin.caller, { name: "short", expiresInDays: 3, serviceAccount: robot.name });
  const refused = await call(rotate.POST, "POST", `/api/v1/tokens/${robotLong.id}/rotate`, h, {
    body: {},
    params: { id: robotLong.id },
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.token, undefined);
  // A service account's token is rotated by those who manage robots, within the asking token's life.
  const ok = await call(rotate.POST, "POST", `/api/v1/tokens/${robotShort.id}/rotate`, h, {
    body: {},
    params: { id: robotShort.id },
  });
  assert.equal(ok.status, 200);
  assert.match(String(ok.body.token), /^pcr_/);

  // htpasswd: registry passwords never expire; tokens for 90 days outlive this 5-day token.
  const pw = await call(htpasswd.POST, "POST", "/api/v1/htpasswd", h, {
    body: { accounts: { type: "selected", names: [admin.username] }, credential: "generated" },
  });
  assert.equal(pw.status, 403, JSON.stringify(pw.body));
  const tk = await call(htpasswd.POST, "POST", "/api/v1/htpasswd", h, {
    body: { accounts: { type: "selected", names: [admin.username] }, credential: "token", tokenDays: 90 },
  });
  assert.equal(tk.status, 403);
  const fits = await call(htpasswd.POST, "POST", "/api/v1/htpasswd", h, {
    body: { accounts: { type: "selected", names: [admin.username] }, credential: "token", tokenDays: 4 },
  });
  assert.equal(fits.status, 200, JSON.stringify(fits.body));
});

test("service-account tokens, refresh tokens, revoked and expired tokens on the API", async () => {
  const admin = await makeUser({ role: "admin" });
  const robot = await db().serviceAccount.create({ data: { name: uniqueName("robot") } });
  const robotToken = await mintToken(admin.caller, { name: "ci", expiresInDays: 10, serviceAccount: robot.name });
  assert.equal((await call(me.GET, "GET", "/api/v1/me", bearer(robotToken.token))).body.kind, "service_account");
  assert.equal((await call(tokens.GET, "GET", "/api/v1/tokens", bearer(robotToken.token))).status, 403);

  const u = await person();
  // A refresh token, as docker login stores it, is for the token endpoint only.
  const res = await fetch(`${server.url}/api/registry/token?service=${SERVICE}&offline_token=true&client_id=docker`, {
    headers: basic(u.username, u.password),
  });
  const refresh = String(((await res.json()) as { refresh_token: string }).refresh_token);
  assert.match(refresh, /^pcf_/);
  for (const h of [bearer(refresh), basic(u.username, refresh)]) {
    const r = await call(me.GET, "GET", "/api/v1/me", h);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get("www-authenticate"), 'Basic realm="portcullis", Bearer realm="portcullis"');
  }
  await revokeToken(u.caller, u.full.id);
  assert.equal((await call(me.GET, "GET", "/api/v1/me", bearer(u.full.token))).status, 401);
  await db().accessToken.update({ where: { id: u.scoped.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.equal((await call(me.GET, "GET", "/api/v1/me", bearer(u.scoped.token))).status, 401);
  const anonymous = await call(me.GET, "GET", "/api/v1/me", { Authorization: "Bearer pct_nonsense" });
  assert.equal(anonymous.status, 401);
  assert.ok(anonymous.headers.get("www-authenticate"));
});
