import assert from "node:assert/strict";
import { test } from "node:test";
import { formatScope, MAX_SCOPES, parseScope, parseScopes } from "./scope";

test("parses the token-auth scope grammar", () => {
  assert.deepEqual(parseScope("repository:team/app:pull,push"), {
    type: "repository",
    name: "team/app",
    actions: ["pull", "push"],
  });
  assert.deepEqual(parseScope("repository(plugin):x:pull"), {
    type: "repository",
    class: "plugin",
    name: "x",
    actions: ["pull"],
  });
  assert.deepEqual(parseScope("registry:catalog:*"), { type: "registry", name: "catalog", actions: ["*"] });
  // The action list is split at the LAST colon: a host:port prefix stays in the name.
  assert.deepEqual(parseScope("repository:localhost:5000/app:pull"), {
    type: "repository",
    name: "localhost:5000/app",
    actions: ["pull"],
  });
  assert.deepEqual(parseScope("repository:a:pull,pull"), { type: "repository", name: "a", actions: ["pull"] });
});

test("malformed scopes are refused, not guessed at", () => {
  for (const s of [
    "",
    "repository",
    "repository:app",
    ":app:pull",
    "repository::pull",
    "repository:app:",
    "Repository:app:pull",
    "repository:app:pull,",
    "repository:app:PULL",
    "repository:app:pu ll",
    "repository(:app:pull",
    "repo(x)(y):a:pull",
    "x".repeat(600),
  ]) {
    assert.equal(parseScope(s), null, JSON.stringify(s));
  }
});

test("several parameters, space-joined scopes, merging and a cap", () => {
  const { scopes, malformed } = parseScopes(["repository:a:pull repository:b:push", "repository:a:push", "bad"]);
  assert.deepEqual(scopes.map(formatScope), ["repository:a:pull,push", "repository:b:push"]);
  assert.deepEqual(malformed, ["bad"]);
  const many = Array.from({ length: 100 }, (_, i) => `repository:r${i}:pull`);
  assert.equal(parseScopes(many).scopes.length, MAX_SCOPES);
});
