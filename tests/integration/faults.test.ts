// Faults: PostgreSQL unreachable in the middle of token requests and admin changes (a proxy in
// front of it is cut): clear 503s, nothing half-applied, and recovery without a restart; a write
// of a generated file that fails leaves the previous file intact.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { openAdapter, type OpenAdapter } from "../../lib/db/adapter";
import { createClient, db, installDatabase } from "../../lib/db/client";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { setRuntimeSecrets } from "../../lib/runtime-secrets";
import { createUserAccount } from "../../lib/services/users";
import { invalidateSettings } from "../../lib/settings";
import { ensureSigningKey } from "../../lib/token-server/signer";
import { writeFileAtomic } from "../../lib/util/atomic-write";
import { createDatabase, databaseUrl } from "../helpers/database";
import { grant, makeRegistry, makeToken, makeUser, systemActor } from "../helpers/factories";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { startTokenServer } from "../helpers/token-server";
import { basic } from "../helpers/http";

const SERVICE = "fault-registry";
let created: Awaited<ReturnType<typeof createDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let adapter: OpenAdapter;
let server: { url: string; stop(): Promise<void> };

before(async () => {
  created = await createDatabase();
  const direct = await openAdapter({ url: created.url, dataDir: "/nonexistent" });
  await applyPendingMigrations(direct.migrationFactory);
  await direct.close();
  const u = new URL(created.url);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  const viaProxy = new URL(databaseUrl(created.name));
  viaProxy.port = String(proxy.port);
  adapter = await openAdapter({ url: viaProxy.toString(), dataDir: "/nonexistent" });
  installDatabase({ client: createClient(adapter.factory), sql: adapter.sql });
  setRuntimeSecrets({ nextauthSecret: "x".repeat(43), encryptionKey: "ab".repeat(32), cacheKey: "cd".repeat(32) });
  invalidateSettings();
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  server = await startTokenServer();
});
after(async () => {
  await server?.stop();
  await db().$disconnect();
  await adapter?.close();
  installDatabase(undefined);
  await proxy?.close();
  await created?.drop();
});

/** Asks again every 250 ms, at most `tries` times, until the answer is 200; the last status. */
async function statusOnceRecovered(ask: () => Promise<Response>, tries: number): Promise<number> {
  let status = 0;
  for (let i = 0; i < tries && status !== 200; i++) {
    status = (await ask()).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}

test("the database going away mid-traffic: 503s that say retry, nothing half-applied, recovery on its own", async () => {
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "fault/app", actions: ["pull"] });
  const pat = await makeToken(u.caller);
  const ask = () =>
    fetch(`${server.url}/api/registry/token?service=${SERVICE}&scope=repository:fault/app:pull`, {
      headers: { Authorization: basic(u.username, pat.token) },
    });
  assert.equal((await ask()).status, 200);

  proxy.cut();
  // Orchestrators: the process is alive (no restart), but not ready to serve tokens.
  assert.equal((await fetch(`${server.url}/api/health/live`)).status, 200);
  const notReady = await fetch(`${server.url}/api/health/ready`);
  assert.equal(notReady.status, 503);
  assert.equal(((await notReady.json()) as { database: { ok: boolean } }).database.ok, false);
  const during = await ask();
  assert.equal(during.status, 503);
  assert.equal(during.headers.get("retry-after"), "5");
  assert.match(JSON.stringify(await during.json()), /temporarily unavailable; retry shortly/);
  await assert.rejects(
    createUserAccount(systemActor, { username: "made-during-outage", password: "password-1234", role: "user" }),
  );

  proxy.restore();
  assert.equal(await statusOnceRecovered(ask, 20), 200, "recovered without a restart");
  assert.equal(
    await db().user.count({ where: { username: "made-during-outage" } }),
    0,
    "the change during the outage was not half-applied",
  );
  assert.ok(
    await createUserAccount(systemActor, { username: "made-after-outage", password: "password-1234", role: "user" }),
  );
});

test("a failed write of a generated file leaves the previous file intact and no temporary file behind", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-atomic-"));
  const file = path.join(dir, "htpasswd");
  writeFileAtomic(file, "old content\n");
  fs.chmodSync(dir, 0o500); // the directory becomes read-only: the temporary file cannot be created
  try {
    if (process.getuid?.() !== 0) assert.throws(() => writeFileAtomic(file, "new content\n"));
  } finally {
    fs.chmodSync(dir, 0o700);
  }
  // A crash between writing and renaming: simulate by failing the rename.
  const rename = fs.renameSync;
  (fs as { renameSync: typeof fs.renameSync }).renameSync = () => {
    throw new Error("crash before rename");
  };
  try {
    assert.throws(() => writeFileAtomic(file, "new content\n"), /crash before rename/);
  } finally {
    (fs as { renameSync: typeof fs.renameSync }).renameSync = rename;
  }
  assert.equal(fs.readFileSync(file, "utf8"), "old content\n");
  assert.deepEqual(fs.readdirSync(dir), ["htpasswd"]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test(
  "a database gone silent (half-open connections): 503 within the statement deadline, then the pool heals by itself",
  { timeout: 90_000 },
  async () => {
    const u = await makeUser();
    await grant({ subject: { type: "user", name: u.username }, repository: "silent/app", actions: ["pull"] });
    const pat = await makeToken(u.caller);
    const ask = () =>
      fetch(`${server.url}/api/registry/token?service=${SERVICE}&scope=repository:silent/app:pull`, {
        headers: { Authorization: basic(u.username, pat.token) },
      });
    assert.equal((await ask()).status, 200);

    proxy.silence();
    // Without a deadline these would wait for TCP to give up (minutes); each must end with a 503.
    const during = await Promise.all([ask(), ask(), ask()]);
    assert.deepEqual(
      during.map((r) => r.status),
      [503, 503, 503],
    );
    assert.equal(during[0].headers.get("retry-after"), "5");
    await assert.rejects(
      createUserAccount(systemActor, { username: "made-while-silent", password: "password-1234", role: "user" }),
    );

    // The old connections stay half-open for ever; new ones work: the next requests must not be
    // handed a dead connection.
    proxy.speak();
    assert.equal(await statusOnceRecovered(ask, 40), 200, "recovered without a restart");
    for (let i = 0; i < 10; i++) assert.equal((await ask()).status, 200, "every pooled connection is a live one");
    assert.equal(await db().user.count({ where: { username: "made-while-silent" } }), 0);
    assert.ok(
      await createUserAccount(systemActor, { username: "made-after-silence", password: "password-1234", role: "user" }),
    );
  },
);
