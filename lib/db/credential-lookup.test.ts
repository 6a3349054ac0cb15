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
