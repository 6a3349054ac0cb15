import assert from "node:assert/strict";
import { test } from "node:test";
import { parseChallenge, tlsFinding } from "./registry-check";

test("challenges parse with quoted commas and escapes", () => {
  assert.deepEqual(
    parseChallenge('Bearer realm="https://p/api/registry/token",service="reg,1",scope="repository:a:pull"'),
    {
      scheme: "bearer",
      params: { realm: "https://p/api/registry/token", service: "reg,1", scope: "repository:a:pull" },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="Registry \\"x\\""'), {
    scheme: "basic",
    params: { realm: 'Registry "x"' },
  });
  assert.equal(parseChallenge(undefined), null);
});

test("TLS findings: http, untrusted, expired, expiring, fine", () => {
  const now = Date.parse("2026-11-24T00:00:00Z");
  assert.equal(tlsFinding("http://r", undefined, undefined, now).status, "warn");
  assert.equal(tlsFinding("https://r", "SELF_SIGNED_CERT_IN_CHAIN", "Dec 1 00:00:00 2027 GMT", now).status, "fail");
  assert.match(tlsFinding("https://r", undefined, "Nov 20 00:00:00 2026 GMT", now).detail, /expired 4 days ago/);
  const soon = tlsFinding("https://r", undefined, "Dec 1 00:00:00 2026 GMT", now);
  assert.deepEqual([soon.status, soon.detail], ["warn", "the certificate expires in 7 days (2026-12-01)"]);
  assert.equal(tlsFinding("https://r", undefined, "Dec 1 00:00:00 2027 GMT", now).status, "ok");
});
