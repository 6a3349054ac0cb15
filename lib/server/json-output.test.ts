import assert from "node:assert/strict";
import { test } from "node:test";
import { wrapLine } from "./json-output";

test("text lines others print become JSON lines; colours and blank lines go", () => {
  const at = new Date("2026-11-28T10:00:00.000Z");
  const out = wrapLine("\x1b[32m✓\x1b[39m Running next.config.js took 36ms\n\n  ▲ Next.js 16\n", "info", at);
  assert.deepEqual(
    out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    [
      { time: "2026-11-28T10:00:00.000Z", level: "info", msg: "✓ Running next.config.js took 36ms", source: "next" },
      { time: "2026-11-28T10:00:00.000Z", level: "info", msg: "▲ Next.js 16", source: "next" },
    ],
  );
  assert.equal(wrapLine("\n \n", "warn", at), "");
});
