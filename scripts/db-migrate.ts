// npm run db:migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded one under PORTCULLIS_DATA_DIR, default ./data).
import { ensureDataDir, lockDataDir } from "../lib/config/data-dir";
import { env } from "../lib/config/env";
import { openAdapter } from "../lib/db/adapter";
import { applyPendingMigrations } from "../lib/db/migrate";

try {
  const e = env();
  if (e.embedded) {
    ensureDataDir(e.dataDir);
    lockDataDir(e.dataDir);
  }
  const adapter = await openAdapter({ url: e.DATABASE_URL, dataDir: e.dataDir });
  try {
    const applied = await applyPendingMigrations(adapter.migrationFactory);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
  } finally {
    await adapter.close();
  }
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
