import assert from "node:assert/strict";
import { test } from "node:test";
import { isRepositoryName, isRepositoryPattern, matchesPattern, patternCovers } from "./names";

test("repository names follow the distribution grammar", () => {
  const valid = ["app", "team/app", "a/b/c", "my-app", "my__app", "my.app", "a1/b2", "x".repeat(255)];
  const invalid = [
    "",
    "Team/app",
    "team//app",
    "/team",
    "team/",
    "team/app/",
    "-app",
    "app-",
    "a..b",
    "../x",
    "team/../x",
    "team/%2Fx",
    "team\\app",
    "team app",
    "tëam/app",
    "team/app:tag",
    "team/app\n",
    "x".repeat(256),
    "а/app" /* Cyrillic a */,
  ];
  for (const n of valid) assert.equal(isRepositoryName(n), true, n);
  for (const n of invalid) assert.equal(isRepositoryName(n), false, JSON.stringify(n));
});

test("patterns: * wildcards inside an otherwise valid name", () => {
  for (const p of ["*", "team/*", "team/app-*", "*/app", "team/*/web"]) assert.equal(isRepositoryPattern(p), true, p);
  for (const p of ["", "**", "team/**", "Team/*", "team//*", "team/../*", "team/*/", " team/*", "team/?"]) {
    assert.equal(isRepositoryPattern(p), false, JSON.stringify(p));
  }
});

test("matching is exact and anchored", () => {
  const cases: [string, string, boolean][] = [
    ["team/app", "team/app", true],
    ["team/app", "team/app2", false],
    ["team/*", "team/app", true],
    ["team/*", "team/app/web", true],
    ["team/*", "teamx/app", false],
    ["team/*", "team", false],
    ["team/*", "other/team/app", false],
    ["*", "anything/at/all", true],
    ["team/app-*", "team/app-web", true],
    ["team/app-*", "team/app", false],
    ["team/*", "Team/app", false],
    ["team/*", "team/../secret", false],
    ["team/*", "team/%2Fsecret", false],
    ["team/*", "team/app/", false],
    ["team.*", "teamx", false],
  ];
  for (const [p, n, want] of cases) assert.equal(matchesPattern(p, n), want, `${p} ~ ${n}`);
});

test("patternCovers tells when a grant is already covered", () => {
  assert.equal(patternCovers("team/*", "team/app"), true);
  assert.equal(patternCovers("team/*", "team/app-*"), true);
  assert.equal(patternCovers("*", "team/*"), true);
  assert.equal(patternCovers("team/app", "team/*"), false);
  assert.equal(patternCovers("team/*", "teamx/*"), false);
  assert.equal(patternCovers("team/a*", "team/*"), false);
});
