import assert from "node:assert/strict";
import test from "node:test";
import { logger } from "./log";

/** The lines logger.info writes while `fn` runs, parsed. */
function captured(fn: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    lines.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return lines.map((l) => {
    assert.ok(l.endsWith("\n") && !l.slice(0, -1).includes("\n"), "one line each");
    return JSON.parse(l) as Record<string, unknown>;
  });
}

test("table: log lines keep plain values and never carry a secret, a control character or unbounded text", () => {
  const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
  const cases: [unknown, unknown][] = [
    ["GET /api/registry/token", "GET /api/registry/token"],
    [42.5, 42.5],
    [{ nested: ["a", 1, null] }, { nested: ["a", 1, null] }],
    ["token pct_abcdefghijklmnop used", "token [redacted] used"],
    [`bearer ${jwt}`, "bearer [redacted]"],
    ["Authorization: Basic YWxpY2U6c2VjcmV0", "Authorization: [redacted]"],
    [{ deep: "pcr_abcdefghijklmnopq" }, { deep: "[redacted]" }],
    ["two\nlines\tand\u0000", "two\\u000alines\\u0009and\\u0000"],
    ["c1\u0085 del\u007f sep\u2028", "c1\\u0085 del\\u007f sep\\u2028"],
    ['quote " and \\ backslash', 'quote " and \\ backslash'],
    ["half \ud800 pair", "half \ufffd pair"],
    ["x".repeat(5000), `${"x".repeat(4000)}…`],
  ];
  for (const [value, expected] of cases) {
    const [line] = captured(() => logger.info("request", { value }));
    assert.equal(line.level, "info");
    assert.equal(line.msg, "request");
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(line.value, expected, JSON.stringify(value).slice(0, 60));
  }
});
