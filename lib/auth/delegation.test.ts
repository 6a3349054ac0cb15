import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  grantRefusal,
  mayRunTeam,
  namespaceCovers,
  namespaceRefusal,
  overseesRepository,
  revokeRefusal,
  type DelegatedSubject,
  type Steward,
  type Target,
} from "./delegation";
import { matchesPattern } from "../registry/names";

const payments: Steward = {
  admin: false,
  teams: [
    { team: "payments", role: "maintainer", namespaces: [{ pattern: "payments/*", registry: null }] },
    { team: "web", role: "member", namespaces: [{ pattern: "web/*", registry: null }] },
    { team: "edge", role: "maintainer", namespaces: [{ pattern: "edge/*", registry: "eu" }] },
  ],
};
const admin: Steward = { admin: true, teams: [] };
const nobody: Steward = { admin: false, teams: [] };
const user = (name: string): DelegatedSubject => ({ type: "user", name });
const all = (repository: string): Target => ({ repository, registry: null });

test("namespace containment: patterns as patterns, registries as registries", () => {
  const ns = { pattern: "payments/*", registry: null };
  const cases: [Target, boolean][] = [
    [all("payments/api"), true],
    [all("payments/api/worker"), true],
    [all("payments/api-*"), true],
    [all("payments/*"), true],
    [all("payments/*/x"), true],
    [all("payments"), false], // the namespace is what lies under payments/
    [all("payments*"), false], // also paymentsx, payments-evil
    [all("payments-evil/api"), false],
    [all("*"), false],
    [all("*/api"), false],
    [all("payments/**"), false], // not a pattern at all
    [all("Payments/api"), false], // not a name
    [all("pаyments/api"), false], // Cyrillic а: not a name
    [all("payments/\u200bapi"), false],
    [all("payments/../admin"), false],
    [{ repository: "payments/api", registry: "eu" }, true], // all registries covers one
  ];
  for (const [target, expected] of cases)
    assert.equal(namespaceCovers(ns, target), expected, `${target.repository} on ${target.registry}`);
  const eu = { pattern: "edge/*", registry: "eu" };
  assert.equal(namespaceCovers(eu, { repository: "edge/cdn", registry: "eu" }), true);
  assert.equal(namespaceCovers(eu, { repository: "edge/cdn", registry: "us" }), false);
  assert.equal(namespaceCovers(eu, all("edge/cdn")), false, "a one-registry namespace never covers every registry");
  assert.equal(namespaceCovers({ pattern: "payments/api", registry: null }, all("payments/api")), true);
  assert.equal(namespaceCovers({ pattern: "payments/api", registry: null }, all("payments/api-2")), false);
});

test("who may grant what: admins everything, maintainers inside their namespaces only", () => {
  const sa = (name: string, team: string | null): DelegatedSubject => ({ type: "service_account", name, team });
  const cases: [Steward, Target, DelegatedSubject, RegExp | null][] = [
    [admin, all("*"), { type: "public" }, null],
    [payments, all("payments/api"), user("dave"), null],
    [payments, all("payments/*"), { type: "team", name: "payments" }, null],
    [payments, all("payments/api"), sa("payments-ci", "payments"), null],
    [payments, all("payments/api"), sa("web-ci", "web"), /not a service account of a team that owns/],
    [payments, all("payments/api"), sa("global-ci", null), /not a service account/],
    [payments, all("payments/api"), { type: "team", name: "web" }, /grant to their own team only/],
    [payments, all("payments/api"), { type: "public" }, /only admins may make repositories public/],
    [payments, all("payments*"), user("dave"), /reaches beyond the namespaces.*payments\/\*/],
    [payments, all("*"), user("dave"), /reaches beyond/],
    [payments, all("web/app"), user("dave"), /reaches beyond/], // a member, not a maintainer, of web
    [payments, { repository: "edge/cdn", registry: "eu" }, user("dave"), null],
    [payments, { repository: "edge/cdn", registry: "us" }, user("dave"), /reaches beyond/],
    [payments, all("edge/cdn"), user("dave"), /edge\/cdn on every registry reaches beyond/],
    [nobody, all("payments/api"), user("dave"), /only admins and team maintainers/],
    [
      { admin: false, teams: [{ team: "web", role: "member", namespaces: [{ pattern: "web/*", registry: null }] }] },
      all("web/app"),
      user("dave"),
      /only admins and team maintainers/,
    ],
  ];
  for (const [who, target, subject, expected] of cases) {
    const got = grantRefusal(who, target, subject);
    if (expected === null) assert.equal(got, null, `${target.repository}: ${got}`);
    else assert.match(got ?? "(allowed)", expected, target.repository);
  }
});

test("revoking and answering requests follow the namespaces, never public access", () => {
  assert.equal(revokeRefusal(payments, all("payments/api"), { type: "team", name: "web" }), null);
  assert.match(revokeRefusal(payments, all("web/app"), user("x")) ?? "", /outside the namespaces/);
  assert.match(revokeRefusal(payments, all("payments/api"), { type: "public" }) ?? "", /only admins/);
  assert.equal(revokeRefusal(admin, all("*"), { type: "public" }), null);
});

test("overseeing a repository: inside a maintained namespace on some registry", () => {
  assert.equal(overseesRepository(payments, "payments/api"), true);
  assert.equal(overseesRepository(payments, "edge/cdn"), true, "on eu");
  assert.equal(overseesRepository(payments, "web/app"), false, "a member only");
  assert.equal(overseesRepository(payments, "payments*"), false);
  assert.equal(overseesRepository(admin, "anything"), true);
});

test("running a team: its maintainers and admins", () => {
  assert.equal(mayRunTeam(payments, "payments"), true);
  assert.equal(mayRunTeam(payments, "web"), false);
  assert.equal(mayRunTeam(payments, "ops"), false);
  assert.equal(mayRunTeam(payments, null), false, "global service accounts are admins' alone");
  assert.equal(mayRunTeam(admin, null), true);
});

test("namespaces a team may be given: valid, not everything, not overlapping another's", () => {
  const others = [
    { pattern: "payments/*", registry: null, team: "payments" },
    { pattern: "edge/*", registry: "eu", team: "edge" },
  ];
  const cases: [string, string | null, RegExp | null][] = [
    ["web/*", null, null],
    ["edge/*", "us", null],
    ["edge/*", "eu", /overlaps edge\/\* on eu, owned by team edge/],
    ["edge/*", null, /overlaps/],
    ["payments/api", null, /overlaps payments\/\*/],
    ["payments*", null, /overlaps/],
    ["pay*", "eu", /overlaps/],
    ["*", null, /global administration/],
    ["Web/*", null, /not a repository pattern/],
  ];
  for (const [pattern, registry, expected] of cases) {
    const got = namespaceRefusal({ pattern, registry }, others);
    if (expected === null) assert.equal(got, null, pattern);
    else assert.match(got?.message ?? "(allowed)", expected, pattern);
  }
});

// Property: whatever a maintainer tries, every grant they manage to create names only repositories
// inside a namespace their team owns, checked against a brute-force expansion of the grant.
const component = fc.constantFrom("a", "b", "ab", "a-b", "a.b", "*", "a*", "*b");
const pattern = fc
  .array(component, { minLength: 1, maxLength: 3 })
  .map((cs) => cs.join("/"))
  .filter((p) => !p.includes("**"));
const registry = fc.constantFrom<string | null>(null, "eu", "us");

/** Names a pattern matches, with each "*" read as a few concrete runs (including "/" and separators). */
function expansions(p: string): string[] {
  let out = [""];
  for (const c of p) {
    const next: string[] = [];
    for (const prefix of out) {
      if (c === "*") for (const run of ["a", "b9", "a/b", "a-b/c", "x.y"]) next.push(prefix + run);
      else next.push(prefix + c);
    }
    out = next.slice(0, 400);
  }
  return out.filter((n) => matchesPattern(p, n));
}

test("property: no sequence of maintainer grants reaches outside the owned namespaces", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ pattern, registry }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.record({ repository: pattern, registry }), { minLength: 1, maxLength: 12 }),
      (owned, attempts) => {
        const steward: Steward = { admin: false, teams: [{ team: "t", role: "maintainer", namespaces: owned }] };
        for (const target of attempts) {
          if (grantRefusal(steward, target, user("u")) !== null) continue;
          // Allowed: some owned namespace on a registry the grant applies to matches every name it can match.
          const ok = owned.some(
            (ns) =>
              (ns.registry === null || ns.registry === target.registry) &&
              expansions(target.repository).every((n) => matchesPattern(ns.pattern, n)),
          );
          assert.ok(ok, `${target.repository} on ${target.registry} escaped ${JSON.stringify(owned)}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
});
