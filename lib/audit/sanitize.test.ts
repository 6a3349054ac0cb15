import assert from "node:assert/strict";
import test from "node:test";
import { jsonSafe, needsJsonSafe, sanitizeText } from "./sanitize";

test("sanitizeText makes controls visible, mends half surrogate pairs and bounds the length", () => {
  const cases: [string | null | undefined, number, string | null | undefined][] = [
    [null, 10, null],
    [undefined, 10, undefined],
    ["", 10, ""],
    ["plain text", 10, "plain text"], // exactly at the bound: kept whole
    ["plain text!", 10, "plain text…"],
    ["a\nb\u0000c", 100, "a\\u000ab\\u0000c"],
    ["del\u007f c1\u0085", 100, "del\\u007f c1\\u0085"],
    ["line\u2028sep\u2029", 100, "line\\u2028sep\\u2029"],
    ["\ud800 alone, \ud83d\udc33 paired", 100, "\ufffd alone, 🐳 paired"],
    // The bound applies to what is stored, after escaping.
    ["\u0001\u0001", 8, "\\u0001\\u…"],
    ["é 🐳", 10, "é 🐳"],
  ];
  for (const [input, max, expected] of cases) assert.equal(sanitizeText(input, max), expected, JSON.stringify(input));
});

test("jsonSafe changes only what PostgreSQL's JSON refuses, and says when it would", () => {
  const cases: [string, string][] = [
    ["plain", "plain"],
    ["tab\tnewline\n", "tab\tnewline\n"], // JSON escapes these itself
    ["nul\u0000", "nul\\u0000"],
    ["\udc00", "\ufffd"],
    ["🐳", "🐳"],
  ];
  for (const [input, expected] of cases) {
    assert.equal(jsonSafe(input), expected, JSON.stringify(input));
    assert.equal(needsJsonSafe(input), input !== expected, JSON.stringify(input));
  }
});
