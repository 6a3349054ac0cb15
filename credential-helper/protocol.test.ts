import assert from "node:assert/strict";
import { test } from "node:test";
import { oauthEndpoint, parseBearerChallenge, parseStoreInput, registryKey, tokenSubject } from "./protocol";

test("table: server URLs as docker, podman and skopeo pass them, keyed by host[:port]", () => {
  const cases: [string, string | RegExp][] = [
    ["registry.example.com", "registry.example.com"],
    ["Registry.Example.com:5000", "registry.example.com:5000"],
    ["https://registry.example.com:5000/v2/", "registry.example.com:5000"],
    ["http://127.0.0.1:5000", "127.0.0.1:5000"],
    [" localhost:5000\n", "localhost:5000"],
    ["https://index.docker.io/v1/", "index.docker.io"],
    ["", /no server URL/],
  ];
  for (const [url, want] of cases) {
    if (want instanceof RegExp) assert.throws(() => registryKey(url), want);
    else assert.equal(registryKey(url), want, url);
  }
});

test("table: the registry's Bearer challenge", () => {
  const cases: [string | null, unknown][] = [
    [
      'Bearer realm="https://p.example/api/registry/token",service="reg"',
      { realm: "https://p.example/api/registry/token", service: "reg" },
    ],
    [
      'bearer service="reg", realm="http://127.0.0.1:3000/api/registry/token", scope="repository:a:pull"',
      { realm: "http://127.0.0.1:3000/api/registry/token", service: "reg" },
    ],
    ['Bearer realm="x",service="a \\"quoted\\" one"', { realm: "x", service: 'a "quoted" one' }],
    ['Basic realm="Registry"', null],
    ['Bearer realm="x"', null],
    [null, null],
  ];
  for (const [header, want] of cases) assert.deepEqual(parseBearerChallenge(header), want, String(header));
});

test("Portcullis's OAuth endpoints sit beside its token endpoint, under any path prefix", () => {
  assert.equal(
    oauthEndpoint("https://p.example/api/registry/token", "device/code"),
    "https://p.example/api/oauth/device/code",
  );
  assert.equal(
    oauthEndpoint("https://p.example/portcullis/api/registry/token?x=1", "revoke"),
    "https://p.example/portcullis/api/oauth/revoke",
  );
  assert.throws(() => oauthEndpoint("https://auth.docker.io/token", "revoke"), /is not Portcullis/);
});

test("store input and the token's subject", () => {
  assert.deepEqual(parseStoreInput('{"ServerURL":"h","Username":"u","Secret":"s"}'), {
    ServerURL: "h",
    Username: "u",
    Secret: "s",
  });
  for (const bad of ["", "[]", '{"ServerURL":"h","Username":"u"}', '{"ServerURL":"h","Username":"u","Secret":""}'])
    assert.throws(() => parseStoreInput(bad), /store/);
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
  assert.equal(tokenSubject(jwt({ sub: "ann" })), "ann");
  assert.equal(tokenSubject(jwt({})), null);
  assert.equal(tokenSubject("garbage"), null);
});
