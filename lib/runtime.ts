import { startChangeFeed, stopChangeFeed } from "./db/change-feed";
import { ensureDataDir, lockDataDir } from "./config/data-dir";
import { env, type Env } from "./config/env";
import { loadSecrets } from "./config/secrets";
import { openAdapter, type OpenAdapter } from "./db/adapter";
import { createClient, installDatabase } from "./db/client";
import { applyPendingMigrations } from "./db/migrate";
import { auditBatcher } from "./audit/batcher";
import { scheduleCheckpoints } from "./audit/checkpoint";
import { scheduleRetention } from "./audit/retention";
import { bootstrap } from "./bootstrap";
import { scheduleLapses } from "./services/lapses";
import { scheduleSharedFiles } from "./services/shared-files";
import { tokenRequestsSettled } from "./token-server/http";
import { setRuntimeSecrets } from "./runtime-secrets";

export interface Runtime {
  env: Env;
  adapter: OpenAdapter;
  close(): Promise<void>;
}

/**
 * Everything the process needs before it serves: configuration, the data directory (locked for
 * the embedded database), secrets, the database with migrations applied, and first-start data.
 * Any failure throws with a message saying what to do; the caller exits non-zero.
 */
export async function startRuntime(opts: { print?: (line: string) => void } = {}): Promise<Runtime> {
  const e = env();
  ensureDataDir(e.dataDir);
  const release = e.embedded ? lockDataDir(e.dataDir) : () => {};
  setRuntimeSecrets(loadSecrets(e));
  const adapter = await openAdapter({ url: e.DATABASE_URL, dataDir: e.dataDir });
  await applyPendingMigrations(adapter.migrationFactory);
  const client = createClient(adapter.factory);
  installDatabase({ client, sql: adapter.sql });
  await bootstrap(e, opts.print);
  // The token endpoint reuses what it read until the database says something changed.
  startChangeFeed();
  const stopRetention = scheduleRetention();
  const stopCheckpoints = scheduleCheckpoints();
  const stopLapses = scheduleLapses();
  const stopSharedFiles = scheduleSharedFiles(e);
  return {
    env: e,
    adapter,
    async close() {
      stopRetention();
      stopCheckpoints();
      stopLapses();
      stopSharedFiles();
      await tokenRequestsSettled(5_000);
      await stopChangeFeed();
      await auditBatcher().drain();
      await client.$disconnect();
      await adapter.close();
      installDatabase(undefined);
      release();
    },
  };
}
