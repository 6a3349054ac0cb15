import assert from "node:assert/strict";
import { test } from "node:test";
import YAML from "yaml";
import { fullConfig } from "./config-yaml";

test("the full config parses as YAML into what distribution reads", () => {
  const token = YAML.parse(
    fullConfig({
      addr: "127.0.0.1:5000",
      storageDir: "/var/lib/registry",
      auth: {
        mode: "token",
        realm: "https://p.example/api/registry/token",
        service: "reg",
        issuer: "portcullis",
        bundlePath: "/etc/r/certs.pem",
      },
      corsOrigin: "https://p.example",
      notifications: { url: "https://p.example/api/registry/events", secret: "s3cr3t" },
    }),
  );
  assert.equal(token.version, 0.1);
  assert.equal(token.storage.delete.enabled, true);
  assert.deepEqual(token.auth.token, {
    realm: "https://p.example/api/registry/token",
    service: "reg",
    issuer: "portcullis",
    rootcertbundle: "/etc/r/certs.pem",
  });
  assert.deepEqual(token.http.headers["Access-Control-Allow-Origin"], ["https://p.example"]);
  assert.deepEqual(token.http.headers["Access-Control-Expose-Headers"], ["Docker-Content-Digest"]);
  assert.deepEqual(token.notifications.endpoints[0].headers.Authorization, ["Bearer s3cr3t"]);
  const basic = YAML.parse(
    fullConfig({ addr: ":5000", storageDir: "/d", auth: { mode: "htpasswd", path: "/etc/r/htpasswd" } }),
  );
  assert.deepEqual(basic.auth, { htpasswd: { realm: "Registry", path: "/etc/r/htpasswd" } });
  assert.equal(basic.http.headers, undefined);
  // A hostile value stays one scalar: no injected keys.
  const odd = YAML.parse(
    fullConfig({ addr: ":5000", storageDir: "/d\nauth: none", auth: { mode: "htpasswd", path: "/x" } }),
  );
  assert.equal(odd.storage.filesystem.rootdirectory, "/d\nauth: none");
});
