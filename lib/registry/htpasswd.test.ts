import assert from "node:assert/strict";
import { test } from "node:test";
import { HtpasswdError, htpasswdFile, htpasswdLine, parseHtpasswd, verifyHtpasswd } from "./htpasswd";

test("htpasswd lines are $2y$ bcrypt that parse back and verify", async () => {
  const file = await htpasswdFile(
    [
      { name: "alice", password: "s3cret-pass" },
      { name: "ci-bot", password: "pct_token" },
    ],
    4,
  );
  const parsed = parseHtpasswd(file);
  assert.deepEqual([...parsed.keys()], ["alice", "ci-bot"]);
  for (const h of parsed.values()) assert.match(h, /^\$2y\$04\$/);
  assert.equal(verifyHtpasswd(parsed.get("alice")!, "s3cret-pass"), true);
  assert.equal(verifyHtpasswd(parsed.get("alice")!, "s3cret-pasS"), false);
});

test("names and passwords the file cannot carry are refused, not mangled", async () => {
  for (const name of ["a:b", "a b", "a\nb", "a\u0000b", "a\u202eb", ""]) {
    await assert.rejects(htpasswdLine(name, "password", 4), HtpasswdError, JSON.stringify(name));
  }
  await assert.rejects(htpasswdLine("alice", "x".repeat(73), 4), /72 bytes/);
  await assert.rejects(htpasswdLine("alice", "é".repeat(37), 4), /72 bytes/); // 74 bytes in UTF-8
  assert.match(await htpasswdLine("alice", "x".repeat(72), 4), /^alice:\$2y\$04\$/);
  await assert.rejects(htpasswdLine("alice", "line\nbreak", 4), /line break/);
  await assert.rejects(
    htpasswdFile(
      [
        { name: "a", password: "p1" },
        { name: "a", password: "p2" },
      ],
      4,
    ),
    /appears twice/,
  );
  assert.throws(() => parseHtpasswd("alice:{SHA}abc\n"), /not "name:\$2y\$/);
});
