import assert from "node:assert/strict";
import { test } from "node:test";
import { consistencyProblems, diffAccess } from "./diff";
import { readAccessDocument } from "./document";

const read = (text: string) => readAccessDocument(`version: 1\n${text}`);
const BASE = read(`users:
  - username: root
    role: admin
  - username: alice
  - username: bob
teams:
  - name: devs
    members: [alice]
registries:
  - name: main
    url: http://registry:5000
    service: main
grants:
  - subject: team:devs
    repository: devs/*
    actions: [pull]
`).document;

/** What a prune removes when the document names none of them. */
const PRUNED = ["delete user root", "delete user alice", "delete user bob", "delete team devs", "delete registry main"];

test("table: the diff of a desired document against the current configuration", () => {
  const cases: [string, boolean, string[]][] = [
    ["", false, []],
    ["", true, [...PRUNED, "delete grant team:devs devs/* pull"]],
    ["users:\n  - username: alice\n    disabled: true\n", false, ["update user alice"]],
    ["users:\n  - username: carol\n", false, ["create user carol"]],
    ["teams:\n  - name: devs\n    members: [alice, bob]\n", false, ["update team devs"]],
    ["teams:\n  - name: devs\n    members: [alice]\n", false, []],
    [
      "grants:\n  - subject: team:devs\n    repository: devs/*\n    actions: [pull, push]\n",
      true,
      [...PRUNED, "create grant team:devs devs/* pull,push", "delete grant team:devs devs/* pull"],
    ],
    ["settings:\n  lockoutThreshold: 5\n", false, ["update settings lockoutThreshold"]],
  ];
  const current = { ...BASE, settings: { lockoutThreshold: 10 } } as typeof BASE;
  for (const [text, prune, want] of cases) {
    const got = diffAccess(current, read(text).document, prune).map((c) => `${c.op} ${c.kind} ${c.name}`);
    assert.deepEqual(got.sort(), want.sort(), `${JSON.stringify(text)} prune=${prune}`);
  }
});

test("table: a result that would not hold together is refused, with the line of the cause", () => {
  const cases: [string, boolean, RegExp | null][] = [
    [
      "teams:\n  - name: ops\n    members: [alice, zed]\n",
      false,
      /^line 3 teams\[0\]\.members\[1\]: no user named "zed"/,
    ],
    [
      "grants:\n  - subject: service-account:robot\n    repository: a/*\n    actions: [pull]\n",
      false,
      /^line 2 grants\[0\]\.subject: no service account named "robot"/,
    ],
    ["serviceAccounts:\n  - name: bob\n", false, /"bob" is also a user/],
    [
      "teams:\n  - name: ops\n    members: [bob]\n    maintainers: [bob]\n",
      false,
      /^line 4 teams\[0\].maintainers\[0\]: bob is listed as a member and a maintainer/,
    ],
    ["teams:\n  - name: ops\n    namespaces:\n      - pattern: devs/api\n", false, null],
    [
      "teams:\n  - name: ops\n    namespaces:\n      - pattern: ops/*\n      - pattern: ops*\n        registry: main\n",
      false,
      /^line 5 teams\[0\]\.namespaces\[1\]: ops\* overlaps ops\/\*, owned by team ops/,
    ],
    ["teams:\n  - name: ops\n    namespaces:\n      - pattern: '*'\n", false, /global administration/],
    [
      "teams:\n  - name: ops\n    namespaces:\n      - pattern: ops/*\n        registry: nowhere\n",
      false,
      /teams\[0\]\.namespaces\[0\]\.registry: no registry named "nowhere"/,
    ],
    [
      "grants:\n  - subject: team:devs\n    repository: x/*\n    actions: [pull]\n    registry: nowhere\n",
      false,
      /grants\[0\]\.registry: no registry named "nowhere"/,
    ],
    ["serviceAccounts:\n  - name: robot\n    team: nope\n", false, /no team named "nope"/],
    ["users:\n  - username: xy\n  - username: xy\n", false, /"xy" appears twice/],
    ["users:\n  - username: root\n    role: user\n", false, /demote root, who is applying it/],
    ["users:\n  - username: root\n    role: admin\n", true, /no registry|at least one registry/],
    [
      "users:\n  - username: root\n    role: admin\nregistries:\n  - name: r\n    url: http://r:5000\n    service: r\n",
      true,
      null,
    ],
    ["teams:\n  - name: devs\n    members: [alice]\n", true, /demote root/],
  ];
  for (const [text, prune, want] of cases) {
    const { document, lineOf } = read(text);
    const problems = consistencyProblems(BASE, document, prune, "root", (p) => {
      const l = lineOf(p);
      return l === null ? null : l - 1; // the test document's first line is "version: 1"
    });
    const message = problems.map((p) => `line ${p.line} ${p.path}: ${p.message}`).join("\n");
    if (want === null) assert.equal(message, "", text);
    else assert.match(message, want, text);
  }
});
