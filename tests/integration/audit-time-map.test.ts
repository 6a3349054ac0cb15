// The audit log's time map (AuditTimeBlock, kept by a trigger) turns a time filter into an id
// range; it must never hide an event. Events are appended across several blocks (the id sequence
// moved forward between appends) with times out of id order, as late registry notifications
// carrying the registry's own timestamp are, and every range is answered exactly as the time
// conditions alone answer it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { recordAudit } from "../../lib/audit/write";
import { auditActivity, countAuditEvents, listAuditEvents } from "../../lib/db/audit-events";
import { sql } from "../../lib/db/client";
import { useTestDatabase, type TestDb } from "../helpers/database";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(() => tdb.close());

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 20, 12);
const at = (days: number) => new Date(now - days * DAY);

async function append(daysAgo: number, label: string) {
  await recordAudit([
    { time: at(daysAgo), actorKind: "registry", action: "registry.push", outcome: "success", actorName: label },
  ]);
}
const jumpTo = (id: number) => sql().query(`SELECT setval('"AuditEvent_id_seq"', $1::bigint) AS v`, [id]);

/** What the time conditions alone select, without the map: the answer the map must not change. */
async function truth(from: Date, to: Date): Promise<string[]> {
  const rows = await sql().query<{ actorName: string }>(
    `SELECT "actorName" FROM "AuditEvent" WHERE time >= $1::timestamptz AT TIME ZONE 'UTC' AND time < $2::timestamptz AT TIME ZONE 'UTC' ORDER BY id DESC`,
    [from.toISOString(), to.toISOString()],
  );
  return rows.map((r) => r.actorName);
}

test("a time range answers with every event in it, whatever block its id is in", async () => {
  await append(30, "a-30d"); // block 0
  await jumpTo(20_000);
  await append(0, "b-now"); // block 2
  await append(30.5, "c-late-30d"); // block 2: delivered late, the registry's own older timestamp
  await jumpTo(50_123);
  await append(10, "d-10d"); // block 5
  await append(-1, "e-future"); // a registry clock ahead of ours
  await jumpTo(70_000);
  await append(5, "f-5d"); // block 7

  const blocks = await sql().query<{ block: string }>(`SELECT block::text FROM "AuditTimeBlock" ORDER BY block`);
  assert.deepEqual(
    blocks.map((b) => b.block),
    ["0", "2", "5", "7"],
    "the trigger keeps one row per block appended to",
  );

  const ranges: [number, number][] = [
    [31, 29], // a and the late c, ids 20,000 apart
    [11, 9],
    [6, 4],
    [0.5, -0.5],
    [-0.5, -2],
    [40, -2], // everything
    [29, 11], // nothing
    [100, 90], // before all
  ];
  for (const [fromDays, toDays] of ranges) {
    const from = at(fromDays);
    const to = at(toDays);
    const expected = await truth(from, to);
    const listed = (await listAuditEvents({ from, to }, { limit: 50 })).events.map((e) => e.actorName);
    assert.deepEqual(listed, expected, `${fromDays}..${toDays} days ago`);
    assert.equal(await countAuditEvents({ from, to }), expected.length);
    const buckets = await auditActivity({ from, to }, "day");
    assert.equal(
      buckets.reduce((n, b) => n + b.total, 0),
      expected.length,
    );
  }
  // One bound only.
  assert.deepEqual(
    (await listAuditEvents({ from: at(6) }, { limit: 50 })).events.map((e) => e.actorName),
    ["f-5d", "e-future", "b-now"],
  );
  assert.deepEqual(
    (await listAuditEvents({ to: at(29) }, { limit: 50 })).events.map((e) => e.actorName),
    ["c-late-30d", "a-30d"],
  );
  // Pages within a range: the cursor and the map together.
  const first = await listAuditEvents({ from: at(40), to: at(-2) }, { limit: 2 });
  const second = await listAuditEvents({ from: at(40), to: at(-2) }, { limit: 2, before: BigInt(first.nextCursor!) });
  assert.deepEqual(
    [...first.events, ...second.events].map((e) => e.actorName),
    ["f-5d", "e-future", "d-10d", "c-late-30d"],
  );
});

/** What a plain walk of the log answers for a repository LIKE pattern, newest first. */
async function truthLike(pattern: string, service?: string): Promise<string[]> {
  const rows = await sql().query<{ id: string }>(
    `SELECT id::text FROM "AuditEvent" WHERE repository LIKE $1 ${service ? `AND details->>'service' = $2` : ""} ORDER BY id DESC`,
    service ? [pattern, service] : [pattern],
  );
  return rows.map((r) => r.id);
}

test("a repository prefix or a namespace reads the names under it and merges them: the same answer as a walk", async () => {
  const repos = ["pre/a", "pre/b", "pre/deep/c", "pre-other/x", "prefix/y", "pr_e/z", "other/pre/a"];
  for (let i = 0; i < 40; i++) {
    const repository = repos[(i * 7) % repos.length];
    await recordAudit([
      {
        actorKind: "user",
        action: "token.issue",
        outcome: "granted",
        actorName: `u${i % 3}`,
        repository,
        details: { service: i % 2 ? "east" : "west" },
      },
    ]);
  }
  for (const repository of ["pre/a", "pre/deep/c", "pre-other/x"])
    await recordAudit([
      { actorKind: "registry", action: "registry.push", outcome: "success", repository },
      { actorKind: "registry", action: "registry.pull", outcome: "success", repository },
    ]);
  // Wider than the fan-out: read by one walk instead, with the same answer.
  await recordAudit(
    Array.from({ length: 205 }, (_, i) => ({
      actorKind: "user" as const,
      action: "token.issue" as const,
      outcome: "granted" as const,
      repository: `wide/r${i}`,
    })),
  );
  const all = async (f: Parameters<typeof listAuditEvents>[0], limit = 7) => {
    const ids: string[] = [];
    let before: bigint | undefined;
    for (;;) {
      const page = await listAuditEvents(f, { limit, before });
      ids.push(...page.events.map((e) => e.id));
      if (!page.nextCursor) return ids;
      before = BigInt(page.nextCursor);
    }
  };
  assert.deepEqual(await all({ repository: "pre/", repositoryPrefix: true }), await truthLike("pre/%"));
  assert.deepEqual(await all({ repository: "pre", repositoryPrefix: true }), await truthLike("pre%"));
  assert.deepEqual(await all({ repository: "pr_", repositoryPrefix: true }), await truthLike("pr\\_%")); // "_" is a letter here
  assert.deepEqual(await all({ repository: "nothing/", repositoryPrefix: true }), []);
  assert.deepEqual(await all({ repository: "wide/", repositoryPrefix: true }, 50), await truthLike("wide/%"));
  assert.equal((await truthLike("wide/%")).length, 205);
  const u1 = await sql().query<{ id: string }>(
    `SELECT id::text FROM "AuditEvent" WHERE repository LIKE 'pre/%' AND "actorName" = 'u1' ORDER BY id DESC`,
  );
  assert.ok(u1.length > 0);
  assert.deepEqual(
    await all({ repository: "pre/", repositoryPrefix: true, actor: "u1" }),
    u1.map((r) => r.id),
  );
  // With an action or a family: each name with each action recorded under it, the same answer.
  const withAction = async (like: string, action: string) =>
    (
      await sql().query<{ id: string }>(
        `SELECT id::text FROM "AuditEvent" WHERE repository LIKE $1 AND action LIKE $2 ORDER BY id DESC`,
        [like, action],
      )
    ).map((r) => r.id);
  assert.deepEqual(
    await all({ repository: "pre/", repositoryPrefix: true, action: "registry." }, 2),
    await withAction("pre/%", "registry.%"),
  );
  assert.equal((await withAction("pre/%", "registry.%")).length, 4);
  assert.deepEqual(
    await all({ repository: "pre", repositoryPrefix: true, action: "registry.push" }),
    await withAction("pre%", "registry.push"),
  );
  assert.deepEqual(await all({ repository: "pre/", repositoryPrefix: true, action: "nothing." }), []);
  assert.deepEqual(
    await all({ within: [{ pattern: "pre/*", service: null }], action: "token." }),
    await withAction("pre/_%", "token.%"),
  );
  // A maintainer's namespaces: "*" is one or more characters; on one registry or on all.
  assert.deepEqual(await all({ within: [{ pattern: "pre/*", service: null }] }), await truthLike("pre/_%"));
  assert.deepEqual(await all({ within: [{ pattern: "pre/*", service: "east" }] }), await truthLike("pre/_%", "east"));
  assert.deepEqual(await all({ within: [] }), []);
  // A name under two namespaces, one on any registry: any registry.
  const both = await sql().query<{ id: string }>(
    `SELECT id::text FROM "AuditEvent" WHERE repository = 'pre/a' OR (repository LIKE 'pre/_%' AND details->>'service' = 'east') ORDER BY id DESC`,
  );
  assert.deepEqual(
    await all({
      within: [
        { pattern: "pre/*", service: "east" },
        { pattern: "pre/a", service: null },
      ],
    }),
    both.map((r) => r.id),
  );
  assert.deepEqual(
    await all({ within: [{ pattern: "pre/*", service: null }], repository: "pre/deep", repositoryPrefix: true }),
    await truthLike("pre/deep%"),
  );
});
