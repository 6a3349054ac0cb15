import assert from "node:assert/strict";
import { test } from "node:test";
import { boundGrantsFor, diffPolicies, PolicyError, type Policy, type PolicyGrant } from "./policy";
import { exportDockerAuthAcl, importDockerAuthAcl, patternToRegex, regexToPattern } from "./policy-formats/docker-auth";
import { exportZotPolicy, importZotPolicy } from "./policy-formats/zot";
import { findPolicyFormat, POLICY_FORMATS } from "./policy-formats";

const policy: Policy = {
  admins: ["admin"],
  teams: { payments: ["alice", "bob"] },
  grants: [
    { subject: { type: "team", name: "payments" }, repository: "payments/*", actions: ["pull", "push"] },
    { subject: { type: "account", name: "ci-bot" }, repository: "payments/api", actions: ["push", "pull"] },
    { subject: { type: "account", name: "alice" }, repository: "tools/*-cli", actions: ["delete"] },
    { subject: { type: "public" }, repository: "public/base", actions: ["pull"] },
  ],
};

test("patterns become exact anchored regexes and come back; real regexes are refused", () => {
  assert.equal(patternToRegex("team/*"), "/^team\\/.*$/");
  for (const p of ["team/*", "a.b/c-d_e", "*", "x/*/y*"]) assert.equal(regexToPattern(patternToRegex(p)), p);
  for (const re of ["/^team.app$/", "/^team\\/[a-z]+$/", "/team\\/.*/", "/^a|b$/"])
    assert.equal(regexToPattern(re), null, re);
});

test("docker_auth ACL and zot policy round-trip through import unchanged", () => {
  for (const [exp, imp] of [
    [exportDockerAuthAcl, importDockerAuthAcl],
    [exportZotPolicy, importZotPolicy],
  ] as const) {
    const text = exp(policy);
    const back = imp(text);
    assert.deepEqual(diffPolicies(policy.grants, back.grants), { add: [], remove: [], change: [], unchanged: 4 });
    assert.deepEqual(back.admins, ["admin"]);
    assert.equal(exp({ ...back, teams: policy.teams }), text, "export(import(export)) is byte-identical");
  }
  const zot = JSON.parse(exportZotPolicy(policy)).accessControl;
  assert.deepEqual(zot.repositories["payments/**"].policies, [
    { groups: ["payments"], actions: ["read", "create", "update"] },
  ]);
  assert.deepEqual(zot.repositories["public/base"].anonymousPolicy, ["read"]);
  assert.deepEqual(zot.groups.payments.users, ["alice", "bob"]);
});

test("imports refuse what Portcullis cannot express exactly, naming each entry", () => {
  const bad = (f: () => unknown, re: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof PolicyError && re.test(e.message));
  bad(() => importDockerAuthAcl("acl: [oops"), /not valid YAML/);
  bad(() => importDockerAuthAcl("users: {}"), /top-level "acl:"/);
  bad(
    () => importDockerAuthAcl(`acl:\n  - match: {account: alice, name: "team/*"}\n    actions: [pull]\n`),
    /acl\[0\].*glob/,
  );
  bad(
    () =>
      importDockerAuthAcl(`acl:\n  - match: {account: alice, name: team/app, ip: 10.0.0.0/8}\n    actions: [pull]\n`),
    /ip cannot be expressed/,
  );
  bad(
    () => importDockerAuthAcl(`acl:\n  - match: {account: "", name: team/app}\n    actions: [push]\n`),
    /anonymous access is pull only/,
  );
  bad(
    () => importDockerAuthAcl(`acl:\n  - match: {account: alice, name: Team/App}\n    actions: [pull]\n`),
    /not a repository name/,
  );
  bad(
    () => importDockerAuthAcl(`acl:\n  - match: {account: alice, name: team/app}\n    actions: [fly]\n`),
    /unknown action/,
  );
  bad(() => importZotPolicy("{"), /not valid JSON/);
  bad(() => importZotPolicy(`{"accessControl":{"repositories":{"team/*":{"policies":[]}}}}`), /"\*\*" wildcards/);
  bad(
    () =>
      importZotPolicy(`{"accessControl":{"repositories":{"a/b":{"policies":[{"users":["x"],"actions":["create"]}]}}}}`),
    /come together as push/,
  );
  bad(
    () => importZotPolicy(`{"accessControl":{"repositories":{"a/b":{"policies":[],"defaultPolicy":["read"]}}}}`),
    /defaultPolicy/,
  );
});

test("the diff names additions, removals and changed actions", () => {
  const d = diffPolicies(policy.grants, [
    { subject: { type: "team", name: "payments" }, repository: "payments/*", actions: ["pull"] },
    { subject: { type: "account", name: "bob" }, repository: "x/y", actions: ["pull"] },
  ]);
  assert.deepEqual(
    d.add.map((g) => g.repository),
    ["x/y"],
  );
  assert.deepEqual(d.remove.map((g) => g.repository).sort(), ["payments/api", "public/base", "tools/*-cli"]);
  assert.deepEqual(d.change, [
    { subject: { type: "team", name: "payments" }, repository: "payments/*", from: ["pull", "push"], to: ["pull"] },
  ]);
});

test("every listed format has a unique id and round-trips the same grants", () => {
  const ids = POLICY_FORMATS.map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const f of POLICY_FORMATS) {
    const back = f.read(f.write(policy));
    assert.deepEqual(
      diffPolicies(policy.grants, back.grants),
      { add: [], remove: [], change: [], unchanged: policy.grants.length },
      f.id,
    );
    assert.equal(findPolicyFormat(f.id), f);
  }
  assert.equal(findPolicyFormat("harbor"), undefined);
});

test("a file for one registry: what it adds is bound to it; grants for every registry it may keep or widen, never drop", () => {
  const g = (name: string, repository: string, actions: PolicyGrant["actions"]): PolicyGrant => ({
    subject: { type: "account", name },
    repository,
    actions,
  });
  const everywhere = [g("ann", "shop/*", ["pull"]), g("bob", "web/*", ["pull", "push"])];
  const cases: [PolicyGrant[], PolicyGrant[], RegExp[]][] = [
    // Unchanged: nothing to bind.
    [everywhere, [], []],
    // Widened and added: bound grants for exactly those.
    [
      [g("ann", "shop/*", ["pull", "push"]), g("bob", "web/*", ["pull", "push"]), g("cid", "eu/*", ["pull"])],
      [g("ann", "shop/*", ["pull", "push"]), g("cid", "eu/*", ["pull"])],
      [],
    ],
    // Dropped or narrowed: refused, naming the grant and the actions.
    [[g("ann", "shop/*", ["pull"])], [], [/account:bob web\/\* \(pull, push\) applies to every registry/]],
    [
      [g("ann", "shop/*", ["pull"]), g("bob", "web/*", ["pull"])],
      [],
      [/account:bob web\/\* \(push\) applies to every registry/],
    ],
  ];
  for (const [file, bound, problems] of cases) {
    const out = boundGrantsFor(everywhere, file);
    assert.deepEqual(out.grants, bound);
    assert.equal(out.problems.length, problems.length, out.problems.join("\n"));
    problems.forEach((p, i) => assert.match(out.problems[i], p));
  }
});
