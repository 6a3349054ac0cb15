import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson, chainHash } from "./chain";
import { AuditBatcher } from "./batcher";

test("canonical JSON ignores key order (jsonb reorders keys)", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
    canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
  );
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
    written.push(...events.map((e) => e.action));
  });
  assert.equal(await b.drain(), undefined); // idle: at once
  void b.record({ actorKind: "system", action: "team.create", outcome: "success" });
  void b.record({ actorKind: "system", action: "team.delete", outcome: "success" });
  await b.drain();
  assert.deepEqual(written, ["team.create", "team.delete"]);
});
