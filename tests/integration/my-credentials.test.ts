// My signed-in clients: what docker login left behind (refresh tokens), listed to their owner only,
// signed out one by one or all at once, after which the client must log in again.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as all from "../../app/api/v1/me/signed-in-clients/route";
import * as one from "../../app/api/v1/me/signed-in-clients/[id]/route";
import { db } from "../../lib/db/client";
import * as admins from "../../app/api/v1/users/[username]/signed-in-clients/route";
import * as adminOne from "../../app/api/v1/users/[username]/signed-in-clients/[id]/route";
import { changeOwnPassword } from "../../lib/services/account-lifecycle";
import { makeToken, makeUser } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "clients-registry";
const server = tokenServerForFile(SERVICE);

async function dockerLogin(u: { username: string; password: string }, clientId: string, secret = u.password) {
  const res = await fetch(
    `${server.url}/api/registry/token?service=${SERVICE}&offline_token=true&client_id=${clientId}`,
    { headers: { Authorization: basic(u.username, secret), "User-Agent": "docker/28.2.2 go/go1.24 os/linux" } },
  );
  assert.equal(res.status, 200);
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}

const refresh = (token: string) =>
  fetch(`${server.url}/api/registry/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: token,
      service: SERVICE,
      client_id: "docker",
    }),
  }).then((r) => r.status);

test("signed-in clients: listed to their owner, signed out one by one or all, refused afterwards", async () => {
  const ann = await makeUser();
  const ben = await makeUser();
  const laptop = await dockerLogin(ann, "docker-laptop");
  const ci = await dockerLogin(ann, "docker-ci");
  await dockerLogin(ben, "docker");
  const as = (u: typeof ann) => ({ Authorization: basic(u.username, u.password) });

  const listed = await call(all.GET, "GET", "/api/v1/me/signed-in-clients", as(ann));
  type Client = { id: string; clientId: string; service: string };
  const clients = listed.body.clients as Client[];
  assert.deepEqual(clients.map((c) => c.clientId).sort(), ["docker-ci", "docker-laptop"]);
  assert.ok(clients.every((c) => c.service === SERVICE));
  assert.doesNotMatch(JSON.stringify(listed.body), /pcf_/, "never the secret");

  const bens = (await call(all.GET, "GET", "/api/v1/me/signed-in-clients", as(ben))).body.clients as Client[];
  const laptopId = clients.find((c) => c.clientId === "docker-laptop")!.id;
  const notHers = await call(one.DELETE, "DELETE", `/api/v1/me/signed-in-clients/${bens[0].id}`, as(ann), {
    params: { id: bens[0].id },
  });
  assert.equal(notHers.status, 404, "someone else's client is not found");
  assert.equal(await refresh(laptop), 200);
  const out = await call(one.DELETE, "DELETE", `/api/v1/me/signed-in-clients/${laptopId}`, as(ann), {
    params: { id: laptopId },
  });
  assert.deepEqual(out.body, { revoked: 1 });
  assert.equal(await refresh(laptop), 401, "the signed-out client must log in again");
  assert.equal(await refresh(ci), 200, "the other one still works");

  assert.deepEqual((await call(all.DELETE, "DELETE", "/api/v1/me/signed-in-clients", as(ann))).body, { revoked: 1 });
  assert.equal(await refresh(ci), 401);
  assert.equal(
    ((await call(all.GET, "GET", "/api/v1/me/signed-in-clients", as(ann))).body.clients as Client[]).length,
    0,
  );
  assert.equal(
    ((await call(all.GET, "GET", "/api/v1/me/signed-in-clients", as(ben))).body.clients as Client[]).length,
    1,
  );
  assert.equal(await db().auditEvent.count({ where: { action: "refresh_token.revoke", actorName: ann.username } }), 2);
});

test("signed-in clients show the client and its renewals, end when idle or when the password changes, and admins see and end them", async () => {
  const cy = await makeUser();
  const admin = await makeUser({ role: "admin" });
  const pat = await makeToken(cy.caller);
  const byPassword = await dockerLogin(cy, "docker");
  const byToken = await dockerLogin(cy, "ci", pat.token);
  const as = (u: { username: string; password: string }) => ({ Authorization: basic(u.username, u.password) });
  type Client = {
    id: string;
    clientId: string;
    userAgent: string;
    clientIp: string;
    lastUsedAt: string | null;
    fromAccessToken: boolean;
    endsAt: string;
  };
  const list = async () =>
    (await call(all.GET, "GET", "/api/v1/me/signed-in-clients", as(cy))).body.clients as Client[];

  const [first] = (await list()).filter((c) => c.clientId === "docker");
  assert.deepEqual(
    [first.userAgent, first.clientIp, first.lastUsedAt, first.fromAccessToken],
    ["docker/28.2.2 go/go1.24 os/linux", "127.0.0.1", null, false],
  );
  assert.equal(await refresh(byPassword), 200);
  const renewed = (await list()).find((c) => c.clientId === "docker")!;
  assert.ok(renewed.lastUsedAt, "a renewal is recorded");
  assert.ok(
    Date.parse(renewed.endsAt) - Date.now() <= 14 * 86_400_000 + 1000,
    "the idle expiry (14 days by default) bounds it",
  );

  // Left idle past the policy: refused and no longer listed.
  await db().refreshToken.update({
    where: { id: renewed.id },
    data: { lastUsedAt: new Date(Date.now() - 15 * 86_400_000) },
  });
  assert.equal(await refresh(byPassword), 401);
  assert.deepEqual(
    (await list()).map((c) => c.clientId),
    ["ci"],
  );

  // A password change ends what the password signed in; what an access token signed in stays.
  const again = await dockerLogin(cy, "docker-2");
  await new Promise((r) => setTimeout(r, 5));
  await changeOwnPassword(
    { actorId: cy.id, actorName: cy.username, actorKind: "user" },
    { currentPassword: cy.password, newPassword: "a-new-password-1" },
  );
  assert.equal(await refresh(again), 401);
  assert.equal(await refresh(byToken), 200);

  // Admins: list and end a person's clients; another person's client id under this name is not found.
  const asAdmin = { Authorization: basic(admin.username, admin.password) };
  const seen = await call(admins.GET, "GET", `/api/v1/users/${cy.username}/signed-in-clients`, asAdmin, {
    params: { username: cy.username },
  });
  const ids = (seen.body.clients as Client[]).map((c) => c.clientId);
  assert.deepEqual(ids, ["ci"]);
  const mine = await dockerLogin(admin, "admin-laptop");
  const adminsOwn = (await call(all.GET, "GET", "/api/v1/me/signed-in-clients", asAdmin)).body.clients as Client[];
  const wrong = await call(adminOne.DELETE, "DELETE", "x", asAdmin, {
    params: { username: cy.username, id: adminsOwn[0].id },
  });
  assert.equal(wrong.status, 404);
  const ended = await call(admins.DELETE, "DELETE", "x", asAdmin, { params: { username: cy.username } });
  assert.deepEqual(
    ended.body,
    { revoked: 3 },
    "every one not yet revoked: the live one, the idle one, the superseded one",
  );
  assert.equal(await refresh(byToken), 401);
  assert.equal(await refresh(mine), 200);
  const asUser = await call(
    admins.GET,
    "GET",
    "x",
    { Authorization: basic(cy.username, "a-new-password-1") },
    { params: { username: admin.username } },
  );
  assert.equal(asUser.status, 403);
});
