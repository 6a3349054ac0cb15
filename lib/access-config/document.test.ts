import assert from "node:assert/strict";
import { test } from "node:test";
import { DocumentError, readAccessDocument, writeAccessDocument } from "./document";

const DOC = `version: 1
users:
  - username: alice
  - username: bob
    role: admin
teams:
  - name: devs
    members: [bob, alice]
grants:
  - subject: team:devs
    repository: devs/*
    actions: [push, pull, push]
`;

test("a document reads with defaults and writes back canonically; canonical text reads to itself", () => {
  const { document } = readAccessDocument(DOC);
  assert.deepEqual(document.users[0], { username: "alice", role: "user", disabled: false });
  assert.deepEqual(document.grants[0].actions, ["pull", "push"]);
  const text = writeAccessDocument(document);
  assert.match(text, /members:\n\s+- alice\n\s+- bob/);
  assert.equal(writeAccessDocument(readAccessDocument(text).document), text);
});

test("table: what is wrong, on which line", () => {
  const cases: [string, RegExp][] = [
    [
      DOC.replace("  - username: bob\n", "  - username: bob\n    colour: red\n"),
      /^line 5 \(users\[1\]\.colour\): unknown key colour/,
    ],
    [DOC.replace("role: admin", "role: owner"), /^line 5 \(users\[1\]\.role\): /],
    [DOC.replace("version: 1", "version: 2"), /^line 1 \(version\): version: 1/],
    [DOC.replace("team:devs", "group:devs"), /^line 10 \(grants\[0\]\.subject\): a subject/],
    [DOC.replace("devs/*", "Devs/*"), /^line 11 \(grants\[0\]\.repository\): not a repository name/],
    [
      DOC + "  - subject: public\n    repository: pub/*\n    actions: [push]\n",
      /^line 15 \(grants\[1\]\.actions\): public access is pull only/,
    ],
    [DOC.replace("  - username: alice\n", "  - username: alice\n  username: x\n"), /^line \d+: /],
    ["version: 1\nversion: 1\n", /^line 2: Map keys must be unique/],
  ];
  for (const [text, want] of cases) {
    let caught: unknown;
    try {
      readAccessDocument(text);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof DocumentError, `refused: ${want}`);
    assert.match((caught as Error).message, want);
  }
});
