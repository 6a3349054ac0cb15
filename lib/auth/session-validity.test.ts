import assert from "node:assert/strict";
import { test } from "node:test";
import { sessionStillValid } from "./session-validity";

test("a reset ends every session signed in before it, even within the same second", () => {
  const reset = new Date("2026-11-28T10:00:00.500Z");
  const cases: [string, number | null, boolean][] = [
    ["signed in the same second, before the reset", Date.parse("2026-11-28T10:00:00.200Z"), false],
    ["signed in at the very millisecond", reset.getTime(), false],
    ["signed in the same second, after the reset", Date.parse("2026-11-28T10:00:00.800Z"), true],
    ["signed in a minute later", Date.parse("2026-11-28T10:01:00.000Z"), true],
    ["an older session in seconds, same second", Math.floor(Date.parse("2026-11-28T10:00:00.900Z") / 1000), false],
    ["an older session in seconds, a second later", Math.floor(Date.parse("2026-11-28T10:00:01.000Z") / 1000), true],
    ["no sign-in time", null, false],
  ];
  for (const [name, signedInAt, valid] of cases) assert.equal(sessionStillValid(signedInAt, reset), valid, name);
});
