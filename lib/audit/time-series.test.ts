import assert from "node:assert/strict";
import { test } from "node:test";
import { fillBuckets, MAX_POINTS, selectionRange, tickLabel, timeTicks, valueTicks, type Bucket } from "./time-series";

const b = (t: string, pushes: number, pulls = 0, denials = 0): Bucket => ({
  t,
  pushes,
  pulls,
  denials,
  total: pushes + pulls + denials,
});
const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

test("buckets fill the gaps with zeros, evenly in time", () => {
  const filled = fillBuckets([b("2026-11-29T10:00:00Z", 3), b("2026-11-29T13:00:00Z", 1, 2)], "hour");
  assert.deepEqual(
    filled.map((f) => [new Date(f.start).toISOString().slice(11, 13), f.counts.pushes, f.counts.pulls]),
    [
      ["10", 3, 0],
      ["11", 0, 0],
      ["12", 0, 0],
      ["13", 1, 2],
    ],
  );
});

test("a filter's range sets the axis, even where nothing happened; its end is exclusive", () => {
  const range = { from: at("2026-11-29T08:30:00Z"), to: at("2026-11-29T12:00:00Z") };
  const filled = fillBuckets([b("2026-11-29T10:00:00Z", 1)], "hour", range);
  assert.deepEqual(
    filled.map((f) => new Date(f.start).toISOString().slice(11, 13)),
    ["08", "09", "10", "11"],
  );
  assert.equal(fillBuckets([], "hour", range).length, 4); // an empty range still has its axis
  assert.deepEqual(fillBuckets([], "hour"), []);
  assert.equal(
    fillBuckets([b("2026-11-29T00:00:00Z", 1)], "day", {
      from: at("2026-11-29T00:00:00Z"),
      to: at("2026-11-29T00:00:00Z"),
    }).length,
    0,
  );
  // A year per hour is cut to its latest MAX_POINTS hours.
  const year = fillBuckets([b("2025-11-29T00:00:00Z", 1), b("2026-11-29T00:00:00Z", 2)], "hour");
  assert.equal(year.length, MAX_POINTS);
  assert.equal(year[year.length - 1].counts.pushes, 2);
});

test("value ticks are round and reach the maximum", () => {
  const cases: [number, number[]][] = [
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 5, 10]],
    [93, [0, 50, 100]],
    [1234, [0, 500, 1000, 1500]],
  ];
  for (const [max, ticks] of cases) assert.deepEqual(valueTicks(max), ticks, String(max));
});

test("time ticks fall on whole steps, at most about six of them", () => {
  const first = at("2026-11-29T00:00:00Z");
  assert.equal(timeTicks(first, 24, "hour").length <= 6, true);
  for (const t of timeTicks(first, 24, "hour")) assert.equal((t / H) % 6, 0); // every 6 hours
  assert.deepEqual(timeTicks(first, 3, "hour"), [first, first + H, first + 2 * H]);
  assert.deepEqual(timeTicks(first, 0, "hour"), []);
  assert.equal(timeTicks(first, 90, "day").length <= 6, true);
  assert.equal(tickLabel(first + 14 * H, "hour"), "11-29 14:00");
  assert.equal(tickLabel(first, "day"), "2026-11-29");
});

test("a selection of buckets is a filter range, whichever way it was dragged", () => {
  const first = at("2026-11-29T08:00:00Z");
  assert.deepEqual(selectionRange(first, 1, 3, "hour"), { from: "2026-11-29T09:00", to: "2026-11-29T12:00" });
  assert.deepEqual(selectionRange(first, 3, 1, "hour"), { from: "2026-11-29T09:00", to: "2026-11-29T12:00" });
  assert.deepEqual(selectionRange(first, 0, 0, "day"), { from: "2026-11-29T08:00", to: "2026-11-30T08:00" });
});
