// npm run bench:audit: the audit log's common queries against 1,000,000 events in PostgreSQL.
// Seeds a throwaway database (BENCH_EVENTS, default 1,000,000), then times each query as the
// console runs it (the same functions the API uses) and prints p50/p95 in ms as JSON.
// A benchmark, not a test: it asserts nothing. Target on the 2-core machine: p95 < 50 ms each.
import { performance } from "node:perf_hooks";
import { auditActivity, countAuditEvents, listAuditEvents, type AuditFilter } from "../lib/db/audit-events";
import { sql } from "../lib/db/client";
import { useTestDatabase as openTestDatabase } from "../tests/helpers/database";

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

async function seed() {
  // Realistic shape: ~60% token decisions, registry pulls and pushes, admin changes; 2,000
  // actors; repositories under 200 team prefixes; 90 days of history, time growing with id.
  await sql().query(`
    INSERT INTO "AuditEvent" (time, "actorName", "actorKind", credential, action, outcome, reason, repository, tag, "clientIp", requested)
    SELECT now() - interval '90 days' + (g * interval '90 days' / ${EVENTS}),
           'user-' || (g * 7919 % ${ACTORS}),
           CASE WHEN g % 20 < 12 THEN 'user' WHEN g % 20 < 19 THEN 'registry' ELSE 'user' END,
           CASE WHEN g % 20 < 12 THEN 'password' ELSE NULL END,
           CASE WHEN g % 20 < 12 THEN 'token.issue' WHEN g % 20 < 17 THEN 'registry.pull' WHEN g % 20 < 19 THEN 'registry.push' ELSE 'grant.create' END,
           CASE WHEN g % 20 < 12 THEN (CASE WHEN g % 13 = 0 THEN 'denied' WHEN g % 17 = 0 THEN 'partial' ELSE 'granted' END) ELSE 'success' END,
           CASE WHEN g % 13 = 0 AND g % 20 < 12 THEN 'team-' || (g % ${TEAMS}) || '/app-' || (g % 25) || ':push=no_grant' ELSE NULL END,
           'team-' || (g % ${TEAMS}) || '/app-' || (g % 25),
           CASE WHEN g % 20 BETWEEN 12 AND 18 THEN 'v' || (g % 10) ELSE NULL END,
           '10.0.' || (g % 250) || '.' || (g % 200),
           CASE WHEN g % 20 < 12 THEN jsonb_build_array('repository:team-' || (g % ${TEAMS}) || '/app-' || (g % 25) || ':pull,push') ELSE NULL END
      FROM generate_series(1::bigint, ${EVENTS}::bigint) g`);
  await sql().query(`ANALYZE "AuditEvent"`);
}

async function main() {
  const db = await openTestDatabase();
  try {
    const t0 = performance.now();
    await seed();
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
    ];
    console.log(JSON.stringify({ events: EVENTS, runsPerQuery: RUNS, seedMs: seeded, results }, null, 2));
  } finally {
    await db.close();
  }
}

void main();
