// My signed-in clients: what docker login left behind (refresh tokens), listed to their owner only,
// signed out one by one or all at once, after which the client must log in again.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as all from "../../app/api/v1/me/signed-in-clients/route";
import * as one from "../../app/api/v1/me/signed-in-clients/[id]/route";
import { db } from "../../lib/db/client";
import { makeUser } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "clients-registry";
const server = tokenServerForFile(SERVICE);

async function dockerLogin(u: { username: string; password: string }, clientId: string) {
  const res = await fetch(
    `${server.url}/api/registry/token?service=${SERVICE}&offline_token=true&client_id=${clientId}`,
    {
      headers: { Authorization: basic(u.username, u.password) },
    },
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
