import crypto from "node:crypto";
import pg from "pg";
import { openAdapter, type OpenAdapter } from "../../lib/db/adapter";
import { createClient, installDatabase, type Db } from "../../lib/db/client";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { setRuntimeSecrets } from "../../lib/runtime-secrets";
import { invalidateSettings } from "../../lib/settings";
import { forgetSigner } from "../../lib/token-server/signer";

/** The PostgreSQL server tests use; each test file gets a throwaway database on it. */
export const PG_ADMIN_URL = process.env.PORTCULLIS_TEST_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `portcullis_test_${crypto.randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestDb {
  db: Db;
  url: string;
  adapter: OpenAdapter;
  close(): Promise<void>;
}

/** A migrated throwaway database, installed as the process's database; close() drops it. */
export async function useTestDatabase(): Promise<TestDb> {
  const created = await createDatabase();
  const adapter = await openAdapter({ url: created.url, dataDir: "/nonexistent" });
  await applyPendingMigrations(adapter.migrationFactory);
  const db = createClient(adapter.factory);
  installDatabase({ client: db, sql: adapter.sql });
  setRuntimeSecrets({
    nextauthSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKey: crypto.randomBytes(32).toString("hex"),
    cacheKey: crypto.randomBytes(32).toString("hex"),
  });
  invalidateSettings();
  forgetSigner(); // a signer cached from another test database would not be this one's
  return {
    db,
    url: created.url,
    adapter,
    async close() {
      await db.$disconnect();
      await adapter.close();
      installDatabase(undefined);
      await created.drop();
    },
  };
}
