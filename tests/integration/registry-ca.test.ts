// A registry behind a private CA, end to end: the check sees the untrusted certificate and offers its
// CA, an admin offers it to clients, anyone downloads it from the console, and skopeo, given exactly
// that file in its certificate directory (as docker's certs.d/<host>/ca.crt), pulls over verified TLS.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import * as registryRoute from "../../app/api/v1/registries/[name]/route";
import * as check from "../../app/api/v1/registries/[name]/check/route";
import * as caRoute from "../../app/api/v1/registries/[name]/ca.crt/route";
import { diagnose } from "../../lib/registry/client-errors";
import { certificateBundle } from "../../lib/token-server/signer";
import { grant, makeUser } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { run } from "../helpers/processes";
import {
  buildTestImage,
  makeServerCertificate,
  skopeoCopy,
  startRegistry,
  type TestRegistry,
} from "../helpers/registry";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "private-ca-registry";
let registry: TestRegistry;
let tls: Awaited<ReturnType<typeof makeServerCertificate>>;
const server = tokenServerForFile(SERVICE, async () => {
  tls = await makeServerCertificate();
  registry = await startRegistry({
    realm: `${server.url}/api/registry/token`,
    service: SERVICE,
    issuer: "portcullis",
    bundlePem: await certificateBundle(),
    tls,
  });
});
after(async () => {
  await registry?.stop();
  if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
});

type CheckAnswer = { results: { check: string; status: string; detail: string; certificate?: string }[] };
const tlsResult = (body: unknown) => (body as CheckAnswer).results.find((r) => r.check === "tls")!;

async function fileRequest(name: string) {
  const res = await caRoute.GET(new Request(`http://console.test/api/v1/registries/${name}/ca.crt`), {
    params: Promise.resolve({ name }),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

test("a private CA: seen by the check, offered by an admin, downloaded by anyone, trusted by skopeo", async () => {
  const admin = await makeUser({ role: "admin" });
  const dev = await makeUser();
  const asAdmin = { Authorization: basic(admin.username, admin.password) };
  await grant({ subject: { type: "user", name: dev.username }, repository: "ca/*", actions: ["pull", "push"] });
  const moved = await call(registryRoute.PATCH, "PATCH", `/api/v1/registries/${SERVICE}`, asAdmin, {
    params: { name: SERVICE },
    body: { url: registry.url, allowPrivateNetwork: true },
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal((await fileRequest(SERVICE)).status, 404, "nothing offered yet");

  // Without the CA, the client refuses the registry, and Help recognises what it printed.
  const image = await buildTestImage();
  const ref = `docker://${registry.host}/ca/app:v1`;
  const strict = await run("skopeo", [
    "copy",
    "--insecure-policy",
    "--dest-creds",
    `${dev.username}:${dev.password}`,
    image,
    ref,
  ]);
  assert.notEqual(strict.code, 0);
  assert.ok(
    diagnose(strict.stderr, { registryHost: registry.host, plainHttp: false, username: dev.username }).some(
      (f) => f.id === "untrusted_certificate",
    ),
    strict.stderr,
  );

  const first = await call(check.POST, "POST", `/api/v1/registries/${SERVICE}/check`, asAdmin, {
    params: { name: SERVICE },
  });
  const seen = tlsResult(first.body);
  assert.equal(seen.status, "fail");
  assert.equal(seen.certificate?.trim(), tls.ca.trim(), "the check offers exactly the CA that signed the certificate");

  const junk = await call(registryRoute.PATCH, "PATCH", `/api/v1/registries/${SERVICE}`, asAdmin, {
    params: { name: SERVICE },
    body: { caCertificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" },
  });
  assert.equal(junk.status, 422);
  assert.match(junk.body.error!.message, /cannot be read/);
  const asDev = { Authorization: basic(dev.username, dev.password) };
  const notAdmin = await call(registryRoute.PATCH, "PATCH", `/api/v1/registries/${SERVICE}`, asDev, {
    params: { name: SERVICE },
    body: { caCertificate: seen.certificate },
  });
  assert.equal(notAdmin.status, 403);

  const offered = await call(registryRoute.PATCH, "PATCH", `/api/v1/registries/${SERVICE}`, asAdmin, {
    params: { name: SERVICE },
    body: { caCertificate: seen.certificate },
  });
  assert.equal(offered.status, 200, JSON.stringify(offered.body));
  const again = tlsResult(
    (await call(check.POST, "POST", `/api/v1/registries/${SERVICE}/check`, asAdmin, { params: { name: SERVICE } }))
      .body,
  );
  assert.deepEqual([again.status, again.certificate], ["warn", undefined]);
  assert.match(again.detail, /that CA is registered here/);

  // Anyone downloads it (no credentials), and it is exactly what a client needs.
  const file = await fileRequest(SERVICE);
  assert.deepEqual([file.status, file.type], [200, "application/x-x509-ca-cert"]);
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-certs-d-"));
  try {
    fs.writeFileSync(path.join(certDir, "ca.crt"), file.text);
    const trusted = await run("skopeo", [
      "copy",
      "--insecure-policy",
      "--dest-cert-dir",
      certDir,
      "--dest-creds",
      `${dev.username}:${dev.password}`,
      image,
      ref,
    ]);
    assert.equal(trusted.code, 0, trusted.stderr);
  } finally {
    fs.rmSync(certDir, { recursive: true, force: true });
  }
  // And the same push with verification off proves nothing more: the one above verified the chain.
  assert.equal((await skopeoCopy(image, ref, `${dev.username}:${dev.password}`)).code, 0);
  assert.equal((await fileRequest("no-such-registry")).status, 404);
});
