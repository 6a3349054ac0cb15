import assert from "node:assert/strict";
import { test } from "node:test";
import { attribute, grantsAction, neededAction, type CandidateDecision } from "./attribution";

const access = (name: string, ...actions: string[]) => [{ type: "repository", name, actions }];
let n = 100;
const decision = (
  credential: string | null,
  granted: unknown,
  clientIp: string | null = "10.0.0.1",
): CandidateDecision => ({
  id: String(n--),
  time: `2026-11-29T00:00:${String(n % 60).padStart(2, "0")}.000Z`,
  credential,
  clientIp,
  granted,
});
const push = { action: "registry.push", repository: "prod/app", clientIp: "10.0.0.1" };

test("the action a registry event needed", () => {
  const cases: [string, string | null][] = [
    ["registry.push", "push"],
    ["registry.mount", "push"],
    ["registry.pull", "pull"],
    ["registry.delete", "delete"],
    ["registry.delete_manifest", "delete"],
    ["token.issue", null],
    ["grant.create", null],
  ];
  for (const [action, needed] of cases) assert.equal(neededAction(action), needed, action);
});

test("an access claim grants an action on exactly its repository", () => {
  const cases: [unknown, string, string, boolean][] = [
    [access("prod/app", "pull", "push"), "prod/app", "push", true],
    [access("prod/app", "pull"), "prod/app", "push", false],
    [access("prod/app", "*"), "prod/app", "delete", true],
    [access("prod/app2", "push"), "prod/app", "push", false],
    [access("prod/*", "push"), "prod/app", "push", false], // claims name repositories, never patterns
    [[{ type: "registry", name: "catalog", actions: ["*"] }], "catalog", "push", false],
    [null, "prod/app", "push", false],
    ["nonsense", "prod/app", "push", false],
    [[null, 3, { type: "repository" }], "prod/app", "push", false],
  ];
  for (const [granted, repo, action, expected] of cases)
    assert.equal(grantsAction(granted, repo, action), expected, JSON.stringify([granted, repo, action]));
});

test("one credential among the decisions that could have authorised the event", () => {
  const r = attribute(push, [
    decision("token:a", access("prod/app", "pull", "push")),
    decision("token:a", access("prod/app", "pull", "push")),
    decision("password", access("prod/app", "pull")), // pull only: not behind a push
    decision("token:b", access("prod/other", "push")), // another repository
  ]);
  assert.equal(r.kind, "one");
  assert.equal(r.kind === "one" && r.credential, "token:a");
  assert.equal(r.kind === "one" && r.byAddress, false);
});

test("several credentials: the address narrows them when it names one, else all are candidates, newest first", () => {
  const both = [
    decision("token:ci", access("prod/app", "push"), "10.0.0.9"),
    decision("refresh_token", access("prod/app", "push"), "10.0.0.1"),
  ];
  const narrowed = attribute(push, both);
  assert.deepEqual(narrowed.kind === "one" && [narrowed.credential, narrowed.byAddress], ["refresh_token", true]);

  const ambiguous = attribute({ ...push, clientIp: "10.0.0.7" }, both);
  assert.equal(ambiguous.kind, "several");
  assert.deepEqual(ambiguous.kind === "several" && ambiguous.candidates.map((c) => c.credential), [
    "token:ci",
    "refresh_token",
  ]);
  const sameAddressTwice = attribute(push, [
    decision("token:x", access("prod/app", "push")),
    decision("token:y", access("prod/app", "*")),
  ]);
  assert.equal(sameAddressTwice.kind, "several");
});

test("nothing to attribute", () => {
  assert.equal(attribute(push, []).kind, "none");
  assert.equal(attribute(push, [decision(null, access("prod/app", "push"))]).kind, "none"); // anonymous
  assert.equal(
    attribute({ ...push, repository: null }, [decision("password", access("prod/app", "push"))]).kind,
    "none",
  );
  assert.equal(
    attribute({ ...push, action: "grant.create" }, [decision("password", access("prod/app", "push"))]).kind,
    "none",
  );
  assert.equal(
    attribute({ ...push, action: "registry.pull" }, [decision("password", access("prod/app", "push"))]).kind,
    "none",
  );
});
