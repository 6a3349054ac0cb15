// Migrations and schema.prisma agree, they apply to PostgreSQL and to the embedded PGlite,
// and a restart of the embedded database keeps its data.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import pg from "pg";
import { isUniqueViolation } from "../../lib/db/errors";
import { openAdapter } from "../../lib/db/adapter";
import { createClient } from "../../lib/db/client";
import { applyPendingMigrations, diffMigrationsToSchema } from "../../lib/db/migrate";
import { createDatabase } from "../helpers/database";

test("prisma/migrations and schema.prisma agree (the diff is empty)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-diff-"));
  const adapter = await openAdapter({ dataDir: dir });
  try {
    const sql = await diffMigrationsToSchema(adapter.migrationFactory);
    assert.ok(
      sql === "" || /^-- This is an empty migration\.?$/.test(sql),
      `schema.prisma differs from the migrations; run npm run db:diff -- <name>:\n${sql}`,
    );
  } finally {
    await adapter.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("migrations apply to PostgreSQL once, then are up to date, leaving no lock or connection behind", async () => {
  const created = await createDatabase();
  const adapter = await openAdapter({ url: created.url, dataDir: "/nonexistent" });
  const sessions = async () => {
    const c = new pg.Client({ connectionString: created.url });
    await c.connect();
    try {
      // Only this database's locks: other tests' databases on the same server hold their own.
      const locks = await c.query(
        "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()",
      );
      const conns = await c.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      return { advisoryLocks: locks.rows[0].n as number, otherConnections: conns.rows[0].n as number };
    } finally {
      await c.end();
    }
  };
  try {
    const first = await applyPendingMigrations(adapter.migrationFactory);
    assert.ok(first.length >= 1);
    assert.deepEqual(await sessions(), { advisoryLocks: 0, otherConnections: 0 });
    // Two starts at once (two replicas) wait for each other instead of failing or applying twice.
    const again = await Promise.all([
      applyPendingMigrations(adapter.migrationFactory),
      applyPendingMigrations(adapter.migrationFactory),
    ]);
    assert.deepEqual(again, [[], []]);
    assert.deepEqual(await sessions(), { advisoryLocks: 0, otherConnections: 0 });
  } finally {
    await adapter.close();
    await created.drop();
  }
});

test("the embedded database (PGlite) migrates and keeps data across restarts", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-pglite-"));
  try {
    let adapter = await openAdapter({ dataDir: dir });
    assert.equal(adapter.kind, "pglite");
    await applyPendingMigrations(adapter.migrationFactory);
    let client = createClient(adapter.factory);
    await client.user.create({ data: { username: "persisted", passwordHash: "x" } });
    // The shared account namespace is the database's rule on the embedded database too.
    await assert.rejects(client.serviceAccount.create({ data: { name: "persisted" } }), (e) => isUniqueViolation(e));
    await client.$disconnect();
    await adapter.close();

    adapter = await openAdapter({ dataDir: dir });
    assert.deepEqual(await applyPendingMigrations(adapter.migrationFactory), []);
    client = createClient(adapter.factory);
    assert.equal((await client.user.findUniqueOrThrow({ where: { username: "persisted" } })).username, "persisted");
    await client.$disconnect();
    await adapter.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
