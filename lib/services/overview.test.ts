import assert from "node:assert/strict";
import { test } from "node:test";
import { refusalSpike } from "./overview";

test("a refusal spike: enough of them, and well above the usual hourly rate", () => {
  const cases: [number, number, boolean][] = [
    [0, 0, false],
    [9, 0, false], // a handful of wrong passwords is not an incident
    [10, 0, true],
    [10, 240, false], // 10 an hour is the usual
    [31, 240, true], // more than three times it
    [30, 240, false],
    [500, 24_000, false],
  ];
  for (const [lastHour, day, spike] of cases) assert.equal(refusalSpike(lastHour, day), spike, `${lastHour}/${day}`);
});
