import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson, chainHash } from "./chain";
import { AuditBatcher } from "./batcher";
import type { AuditInput } from "./types";

test("canonical JSON ignores key order (jsonb reorders keys)", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
    canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
  );
});

test("canonical JSON writes what JSON.stringify would, sorted and safe for PostgreSQL", () => {
  const cases: [unknown, string][] = [
    [undefined, "null"],
    [null, "null"],
    ["plain", '"plain"'],
    [-0, "0"],
    [1e21, "1e+21"],
    [0.1, "0.1"],
    [NaN, "null"],
    [-Infinity, "null"],
    [true, "true"],
    [new Date("2026-11-29T07:15:00.123Z"), '"2026-11-29T07:15:00.123Z"'],
    [new Date("invalid"), "null"],
    [{ toJSON: () => ({ b: 1, a: 2 }) }, '{"a":2,"b":1}'],
    [[1, undefined, () => 1, null], "[1,null,null,null]"],
    [
      { z: undefined, f: () => 1, y: 1, x: [{ d: new Date(0), c: "é" }] },
      '{"x":[{"c":"é","d":"1970-01-01T00:00:00.000Z"}],"y":1}',
    ],
    // U+0000 made visible and half a surrogate pair U+FFFD, in values and keys (jsonb refuses both).
    [{ "k\u0000": "a\u0000b" }, String.raw`{"k\\u0000":"a\\u0000b"}`],
    ["\ud800 alone, \ud83d\udc33 paired", '"\ufffd alone, 🐳 paired"'],
    // Two keys made equal: the later one wins, as in jsonb.
    [{ "a\u0000": 1, "a\\u0000": 2 }, String.raw`{"a\\u0000":2}`],
    ['quote " backslash \\ newline \n', String.raw`"quote \" backslash \\ newline \n"`],
  ];
  for (const [value, json] of cases) assert.equal(canonicalJson(value), json, String(json));
  assert.throws(() => canonicalJson({ n: 1n }), /BigInt/);
});

test("the chain hash depends on the previous hash and every field", () => {
  const e = {
    time: new Date(0),
    actorKind: "user" as const,
    action: "user.create" as const,
    outcome: "success" as const,
    details: { a: 1 },
  };
  const h1 = chainHash(null, e);
  assert.notEqual(chainHash("x", e), h1);
  assert.notEqual(chainHash(null, { ...e, details: { a: 2 } }), h1);
  assert.equal(chainHash(null, { ...e }), h1);
});

test("the batcher writes queued events together and reports failures to each caller", async () => {
  const batches: number[] = [];
  let fail = false;
  const b = new AuditBatcher(async (events) => {
    await new Promise((r) => setTimeout(r, 5));
    if (fail) throw new Error("db down");
    batches.push(events.length);
  });
  await Promise.all(
    Array.from({ length: 10 }, () => b.record({ actorKind: "system", action: "settings.update", outcome: "success" })),
  );
  assert.equal(
    batches.reduce((a, n) => a + n, 0),
    10,
  );
  assert.ok(batches.length < 10, `grouped into ${batches.length} writes`);
  fail = true;
  await assert.rejects(b.record({ actorKind: "system", action: "settings.update", outcome: "success" }), /db down/);
});

test("drain waits for every recorded event to be written (shutdown)", async () => {
  const written: string[] = [];
  const b = new AuditBatcher(async (events) => {
    await new Promise((r) => setTimeout(r, 5));
    written.push(...events.map((e) => (JSON.parse(e) as AuditInput).action));
  });
  assert.equal(await b.drain(), undefined); // idle: at once
  void b.record({ actorKind: "system", action: "team.create", outcome: "success" });
  void b.record({ actorKind: "system", action: "team.delete", outcome: "success" });
  await b.drain();
  assert.deepEqual(written, ["team.create", "team.delete"]);
});

test("the batcher overlaps at most maxInFlight writes, and every event is written once", async () => {
  let running = 0;
  let most = 0;
  const written: number[] = [];
  const b = new AuditBatcher(
    async (events) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 3));
      written.push(...events.map((e) => (JSON.parse(e) as { details: { n: number } }).details.n));
      running--;
    },
    500,
    2,
  );
  for (let round = 0; round < 5; round++) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        b.record({
          actorKind: "system",
          action: "settings.update",
          outcome: "success",
          details: { n: round * 20 + i },
        }),
      ),
    );
  }
  assert.equal(most, 2);
  assert.deepEqual(
    written.sort((x, y) => x - y),
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test("an event recorded the moment the previous one commits is written too, whatever the bound", async () => {
  for (const maxInFlight of [1, 2]) {
    let written = 0;
    const b = new AuditBatcher(
      async (events) => {
        await new Promise((r) => setTimeout(r, 1));
        written += events.length;
      },
      500,
      maxInFlight,
    );
    // Each awaits its commit and records the next a few microtasks later: in the moment the
    // writer has found the queue empty but not yet stopped.
    for (let i = 0; i < 20; i++) {
      await b.record({ actorKind: "system", action: "settings.update", outcome: "success" });
      for (let tick = 0; tick < i % 5; tick++) await null;
    }
    await b.drain();
    assert.equal(written, 20, `maxInFlight ${maxInFlight}`);
  }
});
