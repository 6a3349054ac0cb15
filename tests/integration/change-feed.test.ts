// The token endpoint reuses what it read (lib/db/read-cache.ts) until the database says something
// changed (lib/db/change-feed.ts): proven against real PostgreSQL with the token endpoint as
// server.ts serves it. Reuse is observable by changing a row with the notification triggers off;
// a notification (from any replica) ends it; a change made here ends it before the change's
// caller is answered; with the channel down nothing is reused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { readGeneration, startChangeFeed, stopChangeFeed } from "../../lib/db/change-feed";
import { db } from "../../lib/db/client";
import { invalidateSettings } from "../../lib/settings";
import { revokeToken } from "../../lib/services/tokens";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makePusher, makeRegistry, makeToken } from "../helpers/factories";
import { basic } from "../helpers/http";
import { waitFor } from "../helpers/processes";
import { startTokenServer } from "../helpers/token-server";
import { ensureSigningKey } from "../../lib/token-server/signer";

const SERVICE = "feed-registry";
let tdb: TestDb;
let server: Awaited<ReturnType<typeof startTokenServer>>;
let raw: pg.Client;
before(async () => {
  tdb = await useTestDatabase();
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  server = await startTokenServer();
  raw = new pg.Client({ connectionString: tdb.url });
  await raw.connect();
  startChangeFeed();
  await waitFor(async () => readGeneration() !== null, "the change feed to listen");
});
after(async () => {
  await stopChangeFeed();
  await raw?.end();
  await server?.stop();
  await tdb?.close();
});

/** The answer to a push request: 401, or 200 with push granted, or "200 without push". */
async function pushable(user: string, secret: string): Promise<number | string> {
  const res = await fetch(
    `${server.url}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(`repository:${user}/app:push`)}`,
    { headers: { Authorization: basic(user, secret) } },
  );
  if (res.status !== 200) return res.status;
  const { token } = (await res.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as {
    access: { actions: string[] }[];
  };
  return claims.access[0]?.actions.includes("push") ? 200 : "200 without push";
}

/** Revokes a token behind the triggers' back: no notification, so only a fresh read sees it. */
async function revokeSilently(tokenId: string) {
  await raw.query(`ALTER TABLE "AccessToken" DISABLE TRIGGER "AccessToken_changes"`);
  await raw.query(`UPDATE "AccessToken" SET "revokedAt" = now() WHERE id = $1`, [tokenId]);
  await raw.query(`ALTER TABLE "AccessToken" ENABLE TRIGGER "AccessToken_changes"`);
}

test("a lookup is reused until a notification from any replica says something changed", async () => {
  const u = await makePusher();
  const t = await makeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" });
  assert.equal(await pushable(u.username, t.token), 200);
  await revokeSilently(t.id);
  assert.equal(await pushable(u.username, t.token), 200, "reused: the silent change was not read");
  const before = readGeneration();
  await raw.query(`SELECT pg_notify('portcullis_changes', 'another replica')`);
  await waitFor(async () => readGeneration() !== before, "the notification");
  assert.equal(await pushable(u.username, t.token), 401, "read afresh after the notification");
});

test("a change made through this instance is honoured at the very next request, with no wait", async () => {
  const u = await makePusher();
  const t = await makeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" });
  assert.equal(await pushable(u.username, t.token), 200);
  assert.equal(await pushable(u.username, t.token), 200);
  await revokeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" }, t.id);
  assert.equal(await pushable(u.username, t.token), 401);
});

test("a change in the database by any means notifies: the triggers cover what a decision reads", async () => {
  const u = await makePusher();
  const t = await makeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" });
  const cases: [string, string, unknown[], number | string][] = [
    ["a grant removed", `DELETE FROM "Grant" WHERE "userId" = $1`, [u.id], "200 without push"],
    ["the account disabled", `UPDATE "User" SET disabled = true WHERE id = $1`, [u.id], 401],
  ];
  assert.equal(await pushable(u.username, t.token), 200);
  for (const [what, statement, params, after] of cases) {
    assert.equal(await pushable(u.username, t.token), await pushable(u.username, t.token), "reused");
    const before = readGeneration();
    await raw.query(statement, params);
    await waitFor(async () => readGeneration() !== before, `the notification for ${what}`);
    assert.equal(await pushable(u.username, t.token), after, what);
  }
  // Bookkeeping the hot path writes itself does not notify (it would end all reuse).
  const before = readGeneration();
  await raw.query(`UPDATE "AccessToken" SET "lastUsedAt" = now() WHERE id = $1`, [t.id]);
  await raw.query(`UPDATE "User" SET "lastLoginAt" = now() WHERE id = $1`, [u.id]);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(readGeneration(), before);
});

test("while the channel is down nothing is reused; it listens again by itself", async () => {
  const u = await makePusher();
  const t = await makeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" });
  assert.equal(await pushable(u.username, t.token), 200);
  await raw.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
  );
  await waitFor(async () => readGeneration() === null, "the feed to notice");
  await revokeSilently(t.id);
  assert.equal(await pushable(u.username, t.token), 401, "read afresh while not listening");
  await waitFor(async () => readGeneration() !== null, "the feed to listen again", 10_000);
  const again = await makeToken({ kind: "user", id: u.id, name: u.username, role: u.role, via: "session" });
  assert.equal(await pushable(u.username, again.token), 200);
  assert.equal(await db().accessToken.count({ where: { userId: u.id, revokedAt: null } }), 1);
});

test("a password's lookup is reused too; a failure here, a lock anywhere and a lifted lock count at once", async () => {
  const u = await makePusher();
  const userTrigger = (on: boolean) =>
    raw.query(`ALTER TABLE "User" ${on ? "ENABLE" : "DISABLE"} TRIGGER "User_changes"`);
  assert.equal(await pushable(u.username, u.password), 200);
  await userTrigger(false);
  await raw.query(`UPDATE "User" SET disabled = true WHERE id = $1`, [u.id]);
  await userTrigger(true);
  assert.equal(await pushable(u.username, u.password), 200, "reused: the silent change was not read");
  await userTrigger(false);
  await raw.query(`UPDATE "User" SET disabled = false WHERE id = $1`, [u.id]);
  await userTrigger(true);

  await db().setting.createMany({
    data: [
      { key: "lockoutThreshold", value: 3 },
      { key: "slowdownAfter", value: 100 },
    ],
  });
  invalidateSettings();
  try {
    // A wrong password from this address: the reused lookup is dropped, so the next success reads
    // the failure row and clears it (the count starts again).
    assert.equal(await pushable(u.username, "wrong"), 401);
    assert.equal(await pushable(u.username, u.password), 200);
    assert.equal(await db().authFailure.count({ where: { username: u.username } }), 0, "cleared by the success");
    for (let i = 0; i < 3; i++) assert.equal(await pushable(u.username, "wrong"), 401);
    assert.equal(await pushable(u.username, u.password), 401, "locked even with the right password");
    // An admin lifts it (a delete, which notifies nobody): a locked lookup was never reused.
    await db().authFailure.deleteMany({ where: { username: u.username } });
    assert.equal(await pushable(u.username, u.password), 200);
    // A lock set by another instance (straight in the database) notifies: refused at once.
    const before = readGeneration();
    await raw.query(`INSERT INTO "AuthFailure" (username, "clientIp", failures) VALUES ($1, '127.0.0.1', 3)`, [
      u.username,
    ]);
    await raw.query(`UPDATE "AuthFailure" SET "lockedUntil" = now() + interval '1 hour' WHERE username = $1`, [
      u.username,
    ]);
    await waitFor(async () => readGeneration() !== before, "the lock's notification");
    assert.equal(await pushable(u.username, u.password), 401);
  } finally {
    await db().authFailure.deleteMany({ where: { username: u.username } });
    await db().setting.deleteMany({ where: { key: { in: ["lockoutThreshold", "slowdownAfter"] } } });
    invalidateSettings();
  }
});
