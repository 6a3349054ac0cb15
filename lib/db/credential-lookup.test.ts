import assert from "node:assert/strict";
import { test } from "node:test";
import { toRules, type RuleRow } from "./credential-lookup";

test("table: a grant counts until the instant it expires, not after", () => {
  const now = 1_800_000_000_000;
  const row = (id: string, expiresAt: number | null): RuleRow => ({
    id,
    repository: "team/app",
    actions: ["pull"],
    subjectType: "user",
    name: "alice",
    expiresAt,
    registry: null,
  });
  const cases: [number | null, boolean][] = [
    [null, true],
    [now + 1, true],
    [now, false],
    [now - 1, false],
  ];
  for (const [expiresAt, kept] of cases)
    assert.equal(toRules([row("g", expiresAt)], now).length, kept ? 1 : 0, `expiresAt ${expiresAt}`);
  assert.equal(toRules([row("g", now + 5)], now)[0].expiresAt, now + 5);
  assert.equal("expiresAt" in toRules([row("g", null)], now)[0], false);
});

test("a registry-bound grant carries its registry's service; one for every registry carries none", () => {
  const base = {
    repository: "team/app",
    actions: ["pull"],
    subjectType: "user" as const,
    name: "alice",
    expiresAt: null,
  };
  const [bound, everywhere] = toRules([
    { ...base, id: "a", registry: "eu-registry" },
    { ...base, id: "b", registry: null },
  ]);
  assert.equal(bound.registry, "eu-registry");
  assert.equal("registry" in everywhere, false);
});

test("the same rows give the same rules until one of them expires, at whatever time asked", () => {
  const now = 1_800_000_000_000;
  const rows: RuleRow[] = [
    {
      id: "a",
      repository: "team/*",
      actions: ["pull"],
      subjectType: "team",
      name: "t",
      expiresAt: null,
      registry: null,
    },
    {
      id: "b",
      repository: "x/y",
      actions: ["push"],
      subjectType: "user",
      name: "u",
      expiresAt: now + 1000,
      registry: null,
    },
  ];
  const first = toRules(rows, now);
  assert.equal(toRules(rows, now + 999), first, "kept while nothing expired");
  const later = toRules(rows, now + 1000);
  assert.notEqual(later, first);
  assert.deepEqual(
    later.map((r) => r.id),
    ["a"],
  );
  // Asked about an earlier moment again: worked out for it, not taken from the later answer.
  assert.deepEqual(
    toRules(rows, now).map((r) => r.id),
    ["a", "b"],
  );
  // Other rows with the same content are other rules (what is kept with rules is kept per read).
  assert.notEqual(toRules([...rows], now), toRules(rows, now));
});
