// npm run bench:audit: the audit log's common queries against 1,000,000 events in PostgreSQL.
// Seeds a throwaway database (BENCH_EVENTS, default 1,000,000), then times each query as the
// console runs it (the same functions the API uses) and prints p50/p95 in ms as JSON.
// A benchmark, not a test: it asserts nothing. Target on the 2-core machine: p95 < 50 ms each.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { exportStream } from "../lib/audit/export";
import { auditActivity, countAuditEvents, listAuditEvents, type AuditFilter } from "../lib/db/audit-events";
import { openAdapter } from "../lib/db/adapter";
import { createClient, installDatabase, sql } from "../lib/db/client";
import { applyPendingMigrations } from "../lib/db/migrate";
import { PG_ADMIN_URL, databaseUrl, useTestDatabase as openTestDatabase } from "../tests/helpers/database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const ACTORS = 2000;
const TEAMS = 200;

function pct(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
}

async function time(name: string, run: (i: number) => Promise<unknown>) {
  await run(0); // warm the plan and the cache, as a console in use is
  const ms: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { name, p50: pct(ms, 50), p95: pct(ms, 95), max: pct(ms, 100) };
}

/**
 * Seeds EVENTS rows with generate_series in chunks of a million on a connection of its own (no
 * statement deadline: a chunk takes longer than the console's 5 s), with the table's secondary
 * indexes dropped during the load and rebuilt after it (one sorted build each instead of a
 * random insert per row), then VACUUM ANALYZE: statistics for the planner and the visibility map
 * for index-only scans, as autovacuum leaves an append-only table in use.
 */
async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE tablename = 'AuditEvent' AND indexname <> 'AuditEvent_pkey'`,
    );
    for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
    const CHUNK = 1_000_000;
    for (let lo = 1; lo <= EVENTS; lo += CHUNK) {
      const hi = Math.min(EVENTS, lo + CHUNK - 1);
      await c.query(`
    INSERT INTO "AuditEvent" (time, "actorName", "actorKind", credential, action, outcome, reason, repository, tag, "clientIp", requested, granted)
    SELECT now() - interval '90 days' + (g * interval '90 days' / ${EVENTS}),
           'user-' || (g * 7919 % ${ACTORS}),
           CASE WHEN g % 20 < 12 THEN 'user' WHEN g % 20 < 19 THEN 'registry' ELSE 'user' END,
           CASE WHEN g % 20 < 12 THEN 'token:tok-' || (g * 7919 % ${ACTORS}) ELSE NULL END,
           CASE WHEN g % 20 < 12 THEN 'token.issue' WHEN g % 20 < 17 THEN 'registry.pull' WHEN g % 20 < 19 THEN 'registry.push' ELSE 'grant.create' END,
           CASE WHEN g % 20 < 12 THEN (CASE WHEN g % 13 = 0 THEN 'denied' WHEN g % 17 = 0 THEN 'partial' ELSE 'granted' END) ELSE 'success' END,
           CASE WHEN g % 13 = 0 AND g % 20 < 12 THEN 'team-' || (g % ${TEAMS}) || '/app-' || (g % 25) || ':push=no_grant' ELSE NULL END,
           'team-' || (g % ${TEAMS}) || '/app-' || (g % 25),
           CASE WHEN g % 20 BETWEEN 12 AND 18 THEN 'v' || (g % 10) ELSE NULL END,
           '10.0.' || (g % 250) || '.' || (g % 200),
           CASE WHEN g % 20 < 12 THEN jsonb_build_array('repository:team-' || (g % ${TEAMS}) || '/app-' || (g % 25) || ':pull,push') ELSE NULL END,
           CASE WHEN g % 20 < 12 AND g % 13 <> 0 THEN jsonb_build_array(jsonb_build_object('type', 'repository',
                  'name', 'team-' || (g % ${TEAMS}) || '/app-' || (g % 25),
                  'actions', CASE WHEN g % 17 = 0 THEN '["pull"]'::jsonb ELSE '["pull","push"]'::jsonb END)) ELSE NULL END
      FROM generate_series(${lo}::bigint, ${hi}::bigint) g`);
    }
    await c.query(`SET maintenance_work_mem = '512MB'`);
    for (const i of indexes) await c.query(i.def);
    await c.query(`VACUUM ANALYZE "AuditEvent"`);
  } finally {
    await c.end();
  }
}

/**
 * The CSV export of about EXPORT_ROWS events (a time window sized to hold them), read as fast as
 * it comes: rows per second, and the process's RSS before, at its highest and after (flat memory:
 * the export streams a batch at a time).
 */
async function exportRate() {
  const rows = Math.min(EVENTS, Number(process.env.BENCH_EXPORT_ROWS ?? 500_000));
  const span = (90 * 86_400_000 * rows) / EVENTS;
  const to = new Date(Date.now() - 5 * 86_400_000);
  const filter: AuditFilter = { from: new Date(to.getTime() - span), to };
  const mb = () => Math.round(process.memoryUsage().rss / 1048576);
  const rssBefore = mb();
  let peak = rssBefore;
  let lines = -1; // the header
  const t0 = performance.now();
  const reader = exportStream(filter, "csv").getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const b of value) if (b === 10) lines++;
    peak = Math.max(peak, mb());
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    rows: lines,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(lines / seconds),
    rssMb: { before: rssBefore, peak, after: mb() },
  };
}

/**
 * A throwaway database, or with BENCH_DATABASE=<name> one kept between runs (created, migrated and
 * seeded once; seeding 10M events takes minutes): for looking at plans with EXPLAIN afterwards.
 */
async function database(): Promise<{ url: string; seeded: boolean; close(): Promise<void> }> {
  const name = process.env.BENCH_DATABASE;
  if (!name) {
    const db = await openTestDatabase();
    return { url: db.url, seeded: false, close: () => db.close() };
  }
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("BENCH_DATABASE: lowercase letters, digits and _");
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  const adapter = await openAdapter({ url, dataDir: "/nonexistent" });
  await applyPendingMigrations(adapter.migrationFactory);
  installDatabase({ client: createClient(adapter.factory), sql: adapter.sql });
  const [{ n }] = await sql().query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent"`, [], {
    timeoutMs: 600_000,
  });
  return { url, seeded: Number(n) >= EVENTS, close: () => adapter.close() };
}

async function main() {
  const db = await database();
  try {
    const t0 = performance.now();
    if (!db.seeded) await seed(db.url);
    const seeded = Math.round(performance.now() - t0);
    const [deep] = await sql().query<{ id: string }>(
      `SELECT id::text AS id FROM "AuditEvent" ORDER BY id DESC OFFSET 10000 LIMIT 1`,
    );
    const day = 86_400_000;
    const actor = (i: number) => `user-${(i * 37) % ACTORS}`;
    const prefix = (i: number): AuditFilter => ({ repository: `team-${(i * 11) % TEAMS}/`, repositoryPrefix: true });
    const window = (i: number): AuditFilter => ({
      from: new Date(Date.now() - ((i % 80) + 2) * day),
      to: new Date(Date.now() - ((i % 80) + 1) * day),
    });
    const week = (i: number): AuditFilter => ({
      from: new Date(Date.now() - ((i % 80) + 8) * day),
      to: new Date(Date.now() - ((i % 80) + 1) * day),
    });
    const results = [
      await time("latest page", () => listAuditEvents({}, { limit: 50 })),
      await time("filter by user", (i) => listAuditEvents({ actor: actor(i) }, { limit: 50 })),
      await time("filter by repository prefix", (i) => listAuditEvents(prefix(i), { limit: 50 })),
      await time("filter by time range (1 day)", (i) => listAuditEvents(window(i), { limit: 50 })),
      await time("page 10,000 rows deep", () => listAuditEvents({}, { before: BigInt(deep.id), limit: 50 })),
      await time("denied, by user", (i) => listAuditEvents({ actor: actor(i), outcome: "denied" }, { limit: 50 })),
      await time("repository exact + tag", (i) =>
        listAuditEvents({ repository: `team-${i % TEAMS}/app-${i % 25}`, tag: `v${i % 10}` }, { limit: 50 }),
      ),
      await time("activity per day, one user (chart)", (i) => auditActivity({ actor: actor(i) }, "day")),
      await time("count, one user (export progress)", (i) => countAuditEvents({ actor: actor(i) })),
      await time("denied pushes, one repository, one week", (i) =>
        listAuditEvents(
          { ...week(i), repository: `team-${i % TEAMS}/app-${i % 25}`, operation: "push", outcome: "denied" },
          { limit: 50 },
        ),
      ),
      await time("by credential (one token)", (i) =>
        listAuditEvents({ credential: `token:tok-${(i * 37) % ACTORS}` }, { limit: 50 }),
      ),
      await time("maintainer's namespace", (i) =>
        listAuditEvents({ within: [{ pattern: `team-${i % TEAMS}/*`, service: null }] }, { limit: 50 }),
      ),
      await time("action family (registry.), repository prefix", (i) =>
        listAuditEvents({ action: "registry.", ...prefix(i) }, { limit: 50 }),
      ),
    ];
    console.log(
      JSON.stringify(
        { events: EVENTS, runsPerQuery: RUNS, seedMs: seeded, results, export: await exportRate() },
        null,
        2,
      ),
    );
  } finally {
    await db.close();
  }
}

void main();
