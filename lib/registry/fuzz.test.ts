// Property-based tests (fast-check) for what attackers reach first: the scope parser, the name
// grammar and the grant matcher. Never a throw, never a grant broader than the rules, and no input
// that takes super-linear time (each test has a hang guard: a backtracking blow-up would stall it).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { authorize, type GrantRule } from "./authorize";
import { isRepositoryName, isRepositoryPattern, matchesPattern, patternCovers } from "./names";
import { parseScopes } from "./scope";

const GUARD = { timeout: 30_000 };
const alphabet = fc.constantFrom(..."abc019-._/*:,()!%2FＡａ\u0430\u200b ".split(""));
const nameish = fc.string({ unit: alphabet, maxLength: 40 });
const hostile = fc.oneof(nameish, fc.string({ unit: "grapheme", maxLength: 60 }), fc.string({ maxLength: 300 }));

/** The reference grammar, written as a tiny hand parser (not a regex): component (sep component)*. */
function referenceName(s: string): boolean {
  if (s.length === 0 || s.length > 255) return false;
  return s.split("/").every((c) => {
    if (!/^[a-z0-9]/.test(c) || !/[a-z0-9]$/.test(c)) return false;
    let i = 0;
    while (i < c.length) {
      if (/[a-z0-9]/.test(c[i])) {
        i++;
        continue;
      }
      let j = i;
      while (j < c.length && !/[a-z0-9]/.test(c[j])) j++;
      const sep = c.slice(i, j);
      if (!(sep === "." || sep === "_" || sep === "__" || /^-+$/.test(sep))) return false;
      i = j;
    }
    return true;
  });
}

/** The reference matcher: "*" is one or more characters, by brute force over every split. */
function referenceMatch(pattern: string, name: string): boolean {
  const go = (p: number, n: number): boolean => {
    if (p === pattern.length) return n === name.length;
    if (pattern[p] === "*") {
      for (let k = n + 1; k <= name.length; k++) if (go(p + 1, k)) return true;
      return false;
    }
    return n < name.length && pattern[p] === name[n] && go(p + 1, n + 1);
  };
  return isRepositoryName(name) && isRepositoryPattern(pattern) && go(0, 0);
}

test("the name grammar agrees with a hand-written reference on hostile input", GUARD, () => {
  fc.assert(
    fc.property(hostile, (s) => isRepositoryName(s) === referenceName(s)),
    { numRuns: 3000 },
  );
  // The inputs that made the distribution regex exponential in a backtracking engine.
  for (const n of [30, 60, 254]) {
    assert.equal(isRepositoryName(`${"a".repeat(n)}!`), false);
    assert.equal(isRepositoryName(`${"a-".repeat(n / 2)}!`), false);
  }
});

test("the grant matcher agrees with brute force and is never fooled by look-alikes or encodings", GUARD, () => {
  const pattern = fc.string({ unit: fc.constantFrom(..."ab/-.*".split("")), minLength: 1, maxLength: 12 });
  const name = fc.string({ unit: fc.constantFrom(..."ab/-.".split("")), minLength: 1, maxLength: 12 });
  fc.assert(
    fc.property(pattern, name, (p, n) => matchesPattern(p, n) === referenceMatch(p, n)),
    { numRuns: 5000 },
  );
  for (const n of [
    "ｔeam/app",
    "t\u0435am/app",
    "team%2Fapp",
    "team/app/",
    "/team/app",
    "team//app",
    "Team/app",
    "team/../app",
    "team/app\u200b",
  ]) {
    assert.equal(matchesPattern("team/*", n), false, JSON.stringify(n));
  }
  // An admin's many-star pattern against a long hostile name: linear-time walk, no blow-up.
  assert.equal(matchesPattern("a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(250)), false);
});

test("patternCovers only claims coverage that holds for every name", GUARD, () => {
  const pat = fc
    .string({ unit: fc.constantFrom(..."ab/*".split("")), minLength: 1, maxLength: 8 })
    .filter(isRepositoryPattern);
  const name = fc.string({ unit: fc.constantFrom(..."ab/".split("")), minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(pat, pat, name, (outer, inner, n) => {
      if (patternCovers(outer, inner) && matchesPattern(inner, n)) return matchesPattern(outer, n);
      return true;
    }),
    { numRuns: 5000 },
  );
});

test("the scope parser never throws, caps what it keeps, and only yields well-formed scopes", GUARD, () => {
  fc.assert(
    fc.property(fc.array(hostile, { maxLength: 80 }), (params) => {
      const { scopes, malformed } = parseScopes(params);
      assert.ok(scopes.length <= 32 && malformed.length <= 64);
      for (const s of scopes) {
        assert.match(s.type, /^[a-z0-9]+$/);
        assert.ok(s.actions.length > 0 && s.actions.every((a) => /^(?:[a-z]+|\*)$/.test(a)));
      }
    }),
    { numRuns: 2000 },
  );
  const huge = parseScopes(Array.from({ length: 10_000 }, (_, i) => `repository:team/app${i}:pull,push`));
  assert.equal(huge.scopes.length, 32);
});

test("authorize never grants more than the rules and the token's scopes allow", GUARD, () => {
  const actions = fc.subarray(["pull", "push", "delete", "*"], { minLength: 1 });
  const pattern = fc.constantFrom("team/*", "team/app", "*", "other/x", "team/app-*", "a/*/c");
  const rule = fc.record({ repository: pattern, actions });
  const asked = fc.array(
    fc.tuple(
      fc.oneof(nameish, fc.constantFrom("team/app", "team/app-1", "other/x", "a/b/c")),
      fc.subarray(["pull", "push", "delete", "*", "admin"], { minLength: 1 }),
    ),
    { maxLength: 6 },
  );
  fc.assert(
    fc.property(
      fc.array(rule, { maxLength: 5 }),
      fc.option(fc.array(rule, { maxLength: 3 }), { nil: undefined }),
      asked,
      (rules, tokenScopes, requests) => {
        const grantRules: GrantRule[] = rules.map((r, i) => ({
          id: String(i),
          ...r,
          via: { type: "user", name: "u" },
        }));
        const scopes = requests.map(([name, acts]) => ({ type: "repository", name, actions: acts }));
        const { access } = authorize(
          { kind: "user", name: "u", admin: false, rules: grantRules, ...(tokenScopes ? { tokenScopes } : {}) },
          scopes,
        );
        const allows = (list: { repository: string; actions: readonly string[] }[], name: string, a: string) =>
          (a === "*" ? ["pull", "push", "delete"] : [a]).every((x) =>
            list.some((r) => (r.actions.includes(x) || r.actions.includes("*")) && referenceMatch(r.repository, name)),
          );
        access.forEach((entry, i) => {
          assert.equal(entry.name, scopes[i].name);
          for (const a of entry.actions) {
            assert.ok(allows(rules, entry.name, a), `granted ${a} on ${entry.name} without a rule`);
            if (tokenScopes)
              assert.ok(allows(tokenScopes, entry.name, a), `granted ${a} on ${entry.name} outside the token's scopes`);
          }
        });
      },
    ),
    { numRuns: 3000 },
  );
});
