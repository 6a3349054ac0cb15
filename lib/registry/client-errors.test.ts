import assert from "node:assert/strict";
import { test } from "node:test";
import { diagnose, registryNamedIn } from "./client-errors";

const ctx = { registryHost: "registry.example.com:5000", plainHttp: true, username: "ada" };

// Messages as docker 28, podman/skopeo 1.x and distribution 2.8 print them.
const CASES: [string, string[]][] = [
  ["denied: requested access to the resource is denied", ["denied"]],
  [
    "Error: writing blob: initiating layer upload to /v2/team/app/blobs/uploads/ in registry.example.com:5000: requested access to the resource is denied",
    ["denied"],
  ],
  [
    'Error response from daemon: Head "http://registry.example.com:5000/v2/team/app/manifests/latest": no basic auth credentials',
    ["no_credentials"],
  ],
  [
    "FATA[0000] Error initializing source docker://registry.example.com:5000/team/app:latest: reading manifest latest in registry.example.com:5000/team/app: unauthorized: authentication required",
    ["unauthorized"],
  ],
  [
    'Error response from daemon: Get "http://registry.example.com:5000/v2/": unauthorized: authentication failed: incorrect username, password or token',
    ["unauthorized"],
  ],
  [
    'Error response from daemon: Get "https://registry.example.com:5000/v2/": http: server gave HTTP response to HTTPS client',
    ["http_to_https"],
  ],
  [
    'Error response from daemon: Get "https://registry.example.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ["untrusted_certificate"],
  ],
  [
    'Get "https://registry.example.com/v2/": x509: certificate has expired or is not yet valid: current time 2026-11-28',
    ["expired_certificate"],
  ],
  ["toomanyrequests: You have reached your pull rate limit.", ["rate_limited"]],
  [
    "Error response from daemon: manifest for registry.example.com:5000/team/app:nope not found: manifest unknown: manifest unknown",
    ["manifest_unknown"],
  ],
  ["reading manifest nope in registry.example.com:5000/team/app: manifest unknown", ["manifest_unknown"]],
  ["name unknown: repository name not known to registry", ["name_unknown"]],
  ["invalid reference format: repository name must be lowercase", ["invalid_reference"]],
  [
    'Error response from daemon: Get "http://registry.example.com:5001/v2/": dial tcp 10.1.2.3:5001: connect: connection refused',
    ["unreachable"],
  ],
  [
    'Get "https://registry.example.com/v2/": proxyconnect tcp: dial tcp 10.0.0.1:3128: connect: connection refused',
    ["proxy"],
  ],
  ["sha256:4291aa0c3f… pushed, all fine", []],
  ["", []],
];

test("real client messages are recognised, the most specific finding kept", () => {
  for (const [text, ids] of CASES)
    assert.deepEqual(
      diagnose(text, ctx).map((f) => f.id),
      ids,
      text,
    );
});

test("the fixes name this installation's registry host and the person's username", () => {
  const [insecure] = diagnose("http: server gave HTTP response to HTTPS client", ctx);
  assert.ok(insecure.fix.some((f) => f.includes('"insecure-registries": ["registry.example.com:5000"]')));
  const [login] = diagnose("no basic auth credentials", ctx);
  assert.ok(login.fix[0].includes("docker login registry.example.com:5000 -u ada"));
  const [ca] = diagnose("x509: certificate signed by unknown authority", ctx);
  assert.ok(ca.fix[0].includes("/etc/docker/certs.d/registry.example.com:5000/ca.crt"));
});

test("the registry a message is about is the configured one it names, else the first", () => {
  const regs = [{ url: "http://main.example.com:5000" }, { url: "https://other.example.com" }];
  assert.equal(registryNamedIn("pushing to other.example.com/team/app", regs), regs[1]);
  assert.equal(registryNamedIn("denied", regs), regs[0]);
  assert.equal(registryNamedIn("denied", []), undefined);
});
