import assert from "node:assert/strict";
import { test } from "node:test";
import { parseChallenge, tlsFinding } from "./distribution-check";
import { REGISTRY_KIND_IDS } from "./ids";
import { TEST_CA } from "../../../tests/helpers/test-ca";
import { REGISTRY_KINDS, registryKind } from "./index";

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
  const valid = "Dec 1 00:00:00 2027 GMT";
  assert.equal(tlsFinding("http://r", {}, null, now).status, "warn");
  const untrusted = tlsFinding("https://r", { error: "SELF_SIGNED_CERT_IN_CHAIN", validTo: valid }, null, now);
  assert.deepEqual([untrusted.status, untrusted.certificate], ["fail", undefined]);
  assert.match(untrusted.fix!, /did not send the CA/);
  assert.match(
    tlsFinding("https://r", { validTo: "Nov 20 00:00:00 2026 GMT" }, null, now).detail,
    /expired 4 days ago/,
  );
  const soon = tlsFinding("https://r", { validTo: "Dec 1 00:00:00 2026 GMT" }, null, now);
  assert.deepEqual([soon.status, soon.detail], ["warn", "the certificate expires in 7 days (2026-12-01)"]);
  assert.equal(tlsFinding("https://r", { validTo: valid }, null, now).status, "ok");
});

test("TLS findings: a private CA is offered to clients, and once registered it is a warning, not a failure", () => {
  const now = Date.parse("2026-11-24T00:00:00Z");
  const tls = { error: "SELF_SIGNED_CERT_IN_CHAIN", validTo: "Dec 1 00:00:00 2027 GMT", untrustedRoot: TEST_CA };
  const offered = tlsFinding("https://r", tls, null, now);
  assert.deepEqual([offered.status, offered.certificate], ["fail", TEST_CA]);
  assert.match(offered.fix!, /offer it to clients/);
  assert.match(offered.detail, /signed by CN=Portcullis Test CA \(SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\)/);
  const registered = tlsFinding("https://r", tls, `\n${TEST_CA.replaceAll("\n", "\r\n")}  `, now);
  assert.deepEqual([registered.status, registered.certificate], ["warn", undefined]);
  assert.match(registered.detail, /that CA is registered here/);
});

test("every registry kind id has its implementation and the reverse; unknown and legacy rows are distribution", () => {
  assert.deepEqual(
    REGISTRY_KINDS.map((k) => k.id),
    [...REGISTRY_KIND_IDS],
  );
  assert.equal(registryKind("distribution").id, "distribution");
  assert.equal(registryKind(null).id, "distribution");
});

test("distribution's config wires Portcullis's realm, issuer, origin and notifications into the file", () => {
  const around = {
    realm: "https://auth.example.com/api/registry/token",
    issuer: "portcullis",
    origin: "https://auth.example.com",
    notifications: { url: "https://auth.example.com/api/registry/events?service=reg", secret: "s3cret" },
  };
  const request = {
    mode: "token" as const,
    bundlePath: "/etc/b.pem",
    htpasswdPath: "/etc/h",
    addr: ":5000",
    storageDir: "/var/lib/r",
  };
  const out = registryKind("distribution").config("reg", around, request);
  for (const part of [around.realm, 'service: "reg"', 'issuer: "portcullis"', 'rootcertbundle: "/etc/b.pem"'])
    assert.ok(out.sections.auth.includes(part), part);
  assert.ok(out.sections.cors.includes(around.origin));
  assert.ok(out.sections.notifications.includes("s3cret"));
  assert.ok(out.full.includes(around.realm) && out.full.includes(":5000") && out.full.includes("/var/lib/r"));
  const htpasswd = registryKind("distribution").config("reg", around, { ...request, mode: "htpasswd" });
  assert.ok(htpasswd.sections.auth.includes('path: "/etc/h"') && !htpasswd.full.includes(around.realm));
});
