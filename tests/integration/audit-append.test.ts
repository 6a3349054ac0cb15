// The audit chain's append, done by the database (portcullis_audit_append): its links equal the
// application's (lib/audit/chain.ts), on PostgreSQL and on the embedded database; registry events
// are stored once; an append inside a transaction that rolls back leaves no trace; concurrent
// writers, and the token endpoint's overlapping group commits, keep one unbroken chain.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { AuditBatcher } from "../../lib/audit/batcher";
import type { AuditInput } from "../../lib/audit/types";
import { verifyChain } from "../../lib/audit/verify";
import { appendAudit, appendAuditWith, chainRows, recordAudit, recordBodies } from "../../lib/audit/write";
import { openAdapter } from "../../lib/db/adapter";
import { createClient, installDatabase, sql, transaction } from "../../lib/db/client";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { useTestDatabase, type TestDb } from "../helpers/database";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(() => tdb?.close());

/** Events whose canonical JSON exercises escaping, Unicode and key order. */
const awkward = (): AuditInput[] => [
  {
    time: new Date("2026-11-29T07:15:00.123Z"),
    actorId: "3f0c1f7e-1111-4a4a-9b9b-000000000001",
    actorName: "zoë",
    actorKind: "user",
    credential: "token:abc",
    action: "token.issue",
    outcome: "partial",
    reason: 'pull granted; push denied: no grant on "team/app" 🐳 — 中文',
    repository: "team/app",
    requested: [{ type: "repository", name: "team/app", actions: ["pull", "push"] }],
    granted: [{ type: "repository", name: "team/app", actions: ["pull"] }],
    details: { z: 1, a: { y: [1, 0.1, -2.5e-7, 1e21, true, null], b: 'back\\slash "quoted"\n\ttab' }, m: "\u0001" },
    clientIp: "10.0.0.7",
    userAgent: "docker/27.0 go/go1.22 (line\nbreak)",
    requestId: "req-1",
  },
  {
    time: new Date("2026-11-29T07:15:00.124Z"),
    actorKind: "anonymous",
    action: "token.issue",
    outcome: "denied",
    reason: "no credentials",
    details: {},
  },
  {
    time: new Date("2026-11-29T07:15:00.125Z"),
    actorKind: "system",
    actorName: "portcullis",
    action: "settings.update",
    outcome: "success",
    details: { emoji: "👩‍💻", lone: "\ud800 half", nul: "a\u0000b" },
    tag: "v1.0.0+build",
  },
];

async function storedRows(q = sql().query) {
  return q<{ id: string; prevHash: string | null; hash: string; details: unknown; action: string }>(
    `SELECT id::text AS id, "prevHash", hash, details, action FROM "AuditEvent" ORDER BY "AuditEvent".id`,
  );
}

test("the database links an append exactly as the application computes it", async () => {
  const before = await storedRows();
  const prev = before.at(-1)?.hash ?? null;
  const events = awkward();
  assert.equal(await recordAudit(events), 3);
  const after = (await storedRows()).slice(before.length);
  const expected = chainRows(prev, events);
  assert.deepEqual(
    after.map((r) => [r.prevHash, r.hash]),
    expected.map((r) => [r.prevHash, r.hash]),
  );
  // Half a surrogate pair, which PostgreSQL's JSON refuses, is stored as U+FFFD (and hashed so).
  assert.deepEqual(after[2].details, { emoji: "👩‍💻", lone: "\ufffd half", nul: "a\\u0000b" });
  const report = await verifyChain();
  assert.equal(report.ok, true, JSON.stringify(report.firstBroken));
});

test("registry events are stored once: repeated in the batch or already stored", async () => {
  const ev = (externalId: string): AuditInput => ({
    actorKind: "registry",
    action: "registry.push",
    outcome: "success",
    repository: "dup/app",
    externalId,
  });
  assert.equal(await recordAudit([ev("c")]), 1);
  const n = await transaction((tx) => appendAudit(tx, [ev("a"), ev("b"), ev("a"), ev("c"), ev("d")]));
  assert.equal(n, 3);
  const [{ count }] = await sql().query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "AuditEvent" WHERE repository = 'dup/app'`,
  );
  assert.equal(count, 4);
  assert.equal(await recordAudit([ev("a"), ev("d")]), 0);
  assert.equal((await verifyChain()).ok, true);
});

test("an append in a transaction that rolls back leaves nothing, and the chain goes on from the last commit", async () => {
  const before = await storedRows();
  await assert.rejects(
    transaction(async (tx) => {
      await appendAudit(tx, [
        { actorKind: "system", action: "team.create", outcome: "success", reason: "rolled back" },
      ]);
      throw new Error("the change failed");
    }),
    /the change failed/,
  );
  assert.equal((await storedRows()).length, before.length);
  await recordAudit([{ actorKind: "system", action: "team.create", outcome: "success", reason: "kept" }]);
  const after = await storedRows();
  assert.equal(after.length, before.length + 1);
  assert.equal(after.at(-1)!.prevHash, before.at(-1)!.hash);
  assert.equal((await verifyChain()).ok, true);
});

test("concurrent writers and overlapping group commits keep one unbroken chain", async () => {
  const before = (await storedRows()).length;
  const ev = (i: number): AuditInput => ({
    actorKind: "user",
    action: "token.issue",
    outcome: "granted",
    details: { i },
  });
  const batcher = new AuditBatcher(recordBodies, 500, 3);
  await Promise.all([
    ...Array.from({ length: 20 }, (_, w) => recordAudit([ev(1000 + w * 3), ev(1001 + w * 3), ev(1002 + w * 3)])),
    ...Array.from({ length: 20 }, (_, w) => transaction((tx) => appendAudit(tx, [ev(2000 + w)]))),
    ...Array.from({ length: 300 }, (_, i) => batcher.record(ev(i))),
  ]);
  const rows = (await storedRows()).slice(before);
  assert.equal(rows.length, 60 + 20 + 300);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prevHash, rows[i - 1].hash, `link at ${rows[i].id}`);
  const seen = new Set(rows.map((r) => (r.details as { i: number }).i));
  assert.equal(seen.size, 380, "every event once");
  const report = await verifyChain();
  assert.equal(report.ok, true, JSON.stringify(report.firstBroken));
});

test("the embedded database appends the same links", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-append-"));
  const embedded = await openAdapter({ dataDir: dir });
  try {
    await applyPendingMigrations(embedded.migrationFactory);
    const events = awkward();
    assert.equal(await appendAuditWith(embedded.sql.query, events), 3);
    const rows = await storedRows(embedded.sql.query);
    assert.deepEqual(
      rows.map((r) => [r.prevHash, r.hash]),
      chainRows(null, events).map((r) => [r.prevHash, r.hash]),
    );
    const client = createClient(embedded.factory);
    installDatabase({ client, sql: embedded.sql });
    try {
      assert.equal((await verifyChain()).ok, true);
    } finally {
      await client.$disconnect();
      installDatabase({ client: tdb.db, sql: tdb.adapter.sql });
    }
  } finally {
    await embedded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
