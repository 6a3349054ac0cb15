// What replicas starting or acting at the same moment on one PostgreSQL database race for: the
// first start (admin, default registry, signing key) and key rotation. Each call below runs on
// its own pooled connection, so the database sees truly concurrent transactions.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { bootstrap } from "../../lib/bootstrap";
import { loadEnv } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { activateNextKey, prepareNextKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { systemActor } from "../helpers/factories";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(async () => {
  await tdb?.close();
});

test("three replicas bootstrapping an empty database at once all come up, with one admin, one registry, one key", async () => {
  const printed: string[] = [];
  const results = await Promise.allSettled([1, 2, 3].map(() => bootstrap(loadEnv({}), (l) => printed.push(l))));
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "fulfilled", "fulfilled"],
    JSON.stringify(results),
  );
  assert.equal(await db().user.count(), 1);
  assert.equal(await db().registry.count(), 1);
  assert.equal(await db().signingKey.count({ where: { status: "active" } }), 1);
  assert.equal(
    printed.filter((l) => l.includes("password:")).length,
    1,
    "the password is printed by the one that created it",
  );
});

test("rotations started together leave exactly one active key", async () => {
  await Promise.all([prepareNextKey(systemActor), prepareNextKey(systemActor)]);
  assert.equal(await db().signingKey.count({ where: { status: "pending" } }), 1);
  await Promise.all([1, 2, 3].map(() => activateNextKey(systemActor)));
  assert.equal(await db().signingKey.count({ where: { status: "active" } }), 1);
  assert.equal(await db().signingKey.count({ where: { status: "pending" } }), 0);
});
