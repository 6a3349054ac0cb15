// The registry's rootcertbundle kept current on disk (PORTCULLIS_CERTS_PATH): written when it
// changes, untouched when it does not, readable by the registry's own user.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { writeBundleFile, writeRegistryConfigFile } from "../../lib/services/shared-files";
import { registryConfig } from "../../lib/services/registry-config";
import { certificateBundle, ensureSigningKey, prepareNextKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makeRegistry, systemActor } from "../helpers/factories";

let tdb: TestDb;
let dir: string;
before(async () => {
  tdb = await useTestDatabase();
  await ensureSigningKey();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bundle-"));
});
after(async () => {
  await tdb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the bundle file follows the keys: written, left alone while unchanged, rewritten on rotation", async () => {
  const file = path.join(dir, "certs.pem");
  assert.equal(await writeBundleFile(file), true);
  assert.equal(fs.readFileSync(file, "utf8"), await certificateBundle());
  assert.equal(fs.statSync(file).mode & 0o777, 0o644);
  const first = fs.statSync(file).mtimeMs;
  assert.equal(await writeBundleFile(file), false);
  assert.equal(fs.statSync(file).mtimeMs, first);

  await prepareNextKey(systemActor);
  assert.equal(await writeBundleFile(file), true);
  const text = fs.readFileSync(file, "utf8");
  assert.equal(text, await certificateBundle());
  assert.equal(text.match(/BEGIN CERTIFICATE/g)?.length, 2, "the prepared key is trusted before it signs");
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")),
    [],
  );
});

test("the registry's whole config.yml: token auth with the shared bundle, notifications, written once per change", async () => {
  const registry = await makeRegistry("shared-files-registry");
  const file = path.join(dir, "config.yml");
  const bundle = "/etc/portcullis/portcullis-certs.pem";
  assert.equal(await writeRegistryConfigFile(file, registry.service, bundle), true);
  const text = fs.readFileSync(file, "utf8");
  const expected = registryConfig(registry, {
    mode: "token",
    bundlePath: bundle,
    htpasswdPath: "/etc/docker/registry/htpasswd",
    addr: ":5000",
    storageDir: "/var/lib/registry",
  }).full;
  assert.equal(text, expected);
  assert.match(text, /rootcertbundle: "\/etc\/portcullis\/portcullis-certs.pem"/);
  assert.match(text, /service: "shared-files-registry"/);
  assert.match(text, /\/api\/registry\/events\?service=shared-files-registry/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640, "it carries the notification secret");
  assert.equal(await writeRegistryConfigFile(file, registry.service, bundle), false);
  await assert.rejects(writeRegistryConfigFile(file, "no-such-service", bundle), /no registry presents/);
});
