import assert from "node:assert/strict";
import { test } from "node:test";
import { parseChallenge, tlsFinding } from "./distribution-check";
import { REGISTRY_KIND_IDS } from "./ids";
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
  assert.equal(tlsFinding("http://r", undefined, undefined, now).status, "warn");
  assert.equal(tlsFinding("https://r", "SELF_SIGNED_CERT_IN_CHAIN", "Dec 1 00:00:00 2027 GMT", now).status, "fail");
  assert.match(tlsFinding("https://r", undefined, "Nov 20 00:00:00 2026 GMT", now).detail, /expired 4 days ago/);
  const soon = tlsFinding("https://r", undefined, "Dec 1 00:00:00 2026 GMT", now);
  assert.deepEqual([soon.status, soon.detail], ["warn", "the certificate expires in 7 days (2026-12-01)"]);
  assert.equal(tlsFinding("https://r", undefined, "Dec 1 00:00:00 2027 GMT", now).status, "ok");
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
