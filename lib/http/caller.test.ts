import assert from "node:assert/strict";
import { test } from "node:test";
import { sameOrigin } from "./caller";

test("a state change from a cookie session must come from the console's own origin", () => {
  const cases: [string, string | null, string | null, string | null, boolean, boolean][] = [
    ["same origin", "http://console.example:3000", "console.example:3000", null, false, true],
    ["another site", "https://evil.example", "console.example", null, false, false],
    ["Origin: null (sandboxed frame, data: URL)", "null", "console.example", null, false, false],
    ["unparsable Origin", "http://[::1", "console.example", null, false, false],
    ["not http(s)", "file://console.example", "console.example", null, false, false],
    ["no Origin", null, "console.example", null, false, false],
    [
      "forged X-Forwarded-Host without a trusted proxy",
      "https://evil.example",
      "console.example",
      "evil.example",
      false,
      false,
    ],
    [
      "X-Forwarded-Host from a trusted proxy",
      "https://console.example",
      "10.0.0.5:3000",
      "console.example",
      true,
      true,
    ],
    [
      "a trusted proxy's host must still match",
      "https://evil.example",
      "10.0.0.5:3000",
      "console.example",
      true,
      false,
    ],
  ];
  for (const [name, origin, host, fwd, trusted, expected] of cases)
    assert.equal(sameOrigin(origin, host, fwd, trusted), expected, name);
});
