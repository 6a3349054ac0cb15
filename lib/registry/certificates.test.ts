import assert from "node:assert/strict";
import { test } from "node:test";
import { readCertificate, sameCertificate } from "./certificates";
import { TEST_CA } from "../../tests/helpers/test-ca";

test("one PEM certificate is read; anything else is refused with what to paste", () => {
  const facts = readCertificate(`\n\n${TEST_CA}\n`);
  assert.equal(facts.subject, "CN=Portcullis Test CA");
  assert.match(facts.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(facts.pem.trim(), TEST_CA.trim());
  const cases: [string, RegExp][] = [
    ["hello", /not a PEM certificate/],
    [`${TEST_CA}\n${TEST_CA}`, /one certificate .* not a chain/],
    ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", /cannot be read/],
  ];
  for (const [pem, want] of cases) assert.throws(() => readCertificate(pem), want);
});

test("the same certificate whatever its line endings; different or missing ones are not", () => {
  assert.ok(sameCertificate(TEST_CA, TEST_CA.replaceAll("\n", "\r\n")));
  assert.ok(!sameCertificate(TEST_CA, null));
  assert.ok(!sameCertificate(TEST_CA, "junk"));
});
