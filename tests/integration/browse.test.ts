// Browsing through Portcullis against the real docker-registry populated by skopeo: the catalog
// filtered to what a person may pull, tags with shared digests and a multi-arch index, manifests
// and configs, deletes that show their sibling tags and need the grant, and clear failures.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { countAuditEvents } from "../../lib/db/audit-events";
import { db } from "../../lib/db/client";
import { fullConfig } from "../../lib/registry/config-yaml";
import {
  deleteManifest,
  deletePreview,
  directModeCheck,
  getManifest,
  listRepositories,
  listTags,
} from "../../lib/services/browse";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeUser } from "../helpers/factories";
import { buildMultiArchImage, buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";
import { startTokenServer } from "../helpers/token-server";

let tdb: TestDb;
let server: { url: string; stop(): Promise<void> };
const registries: TestRegistry[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-browse-"));
let admin: Awaited<ReturnType<typeof makeUser>>;

async function registryFor(service: string, deleteEnabled = true) {
  const bundle = path.join(dir, `${service}.pem`);
  fs.writeFileSync(bundle, await certificateBundle());
  const reg = await startRegistry({
    config: (addr, storageDir) => {
      const yml = fullConfig({
        addr,
        storageDir,
        auth: {
          mode: "token",
          realm: `${server.url}/api/registry/token`,
          service,
          issuer: "portcullis",
          bundlePath: bundle,
        },
      });
      return deleteEnabled ? yml : yml.replace("  delete:\n    enabled: true\n", "  delete:\n    enabled: false\n");
    },
  });
  registries.push(reg);
  await db().registry.create({ data: { name: service, service, url: reg.url, allowPrivateNetwork: true } });
  return reg;
}

before(async () => {
  tdb = await useTestDatabase();
  await ensureSigningKey();
  server = await startTokenServer();
  admin = await makeUser({ role: "admin" });
  const reg = await registryFor("browse");
  const [a, b] = [await buildTestImage("app\n"), await buildTestImage("web\n")];
  const creds = `${admin.username}:${admin.password}`;
  for (const [src, ref] of [
    [a, "team/app:v1"],
    [a, "team/app:latest"],
    [b, "team/app:v2"],
    [b, "team/web:1.0"],
    [a, "other/secret:1"],
  ] as const) {
    const r = await skopeoCopy(src, `docker://${reg.host}/${ref}`, creds);
    assert.equal(r.code, 0, r.stderr);
  }
  const multi = await skopeoCopy(await buildMultiArchImage(), `docker://${reg.host}/team/multi:1`, creds, undefined, {
    all: true,
  });
  assert.equal(multi.code, 0, multi.stderr);
});
after(async () => {
  for (const r of registries) await r.stop();
  await server?.stop();
  await tdb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a user with pull on team/* sees only those repositories; search and paging work over the registry's own pages", async () => {
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "team/*", actions: ["pull"] });
  const all = await listRepositories(u.caller, "browse", { limit: 50 });
  assert.deepEqual(all, { repositories: ["team/app", "team/multi", "team/web"], nextCursor: null });
  const page1 = await listRepositories(u.caller, "browse", { limit: 2 });
  assert.deepEqual(page1, { repositories: ["team/app", "team/multi"], nextCursor: "team/multi" });
  assert.deepEqual(await listRepositories(u.caller, "browse", { limit: 2, cursor: page1.nextCursor! }), {
    repositories: ["team/web"],
    nextCursor: null,
  });
  assert.deepEqual((await listRepositories(u.caller, "browse", { limit: 50, q: "web" })).repositories, ["team/web"]);
  assert.deepEqual((await listRepositories(admin.caller, "browse", { limit: 50 })).repositories, [
    "other/secret",
    "team/app",
    "team/multi",
    "team/web",
  ]);
  const nobody = await makeUser();
  assert.deepEqual((await listRepositories(nobody.caller, "browse", { limit: 50 })).repositories, []);
  await assert.rejects(
    listTags(u.caller, "browse", "other/secret", { limit: 20 }),
    /not found/,
    "not even its existence",
  );
});

test("tags carry digest, size, created and platforms; shared digests are grouped; manifests show layers and config", async () => {
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "team/*", actions: ["pull"] });
  const app = await listTags(u.caller, "browse", "team/app", { limit: 20 });
  assert.deepEqual(app.tags.map((t) => t.tag).sort(), ["latest", "v1", "v2"]);
  const v1 = app.tags.find((t) => t.tag === "v1")!;
  assert.match(v1.digest!, /^sha256:[a-f0-9]{64}$/);
  assert.ok(v1.size! > 0 && v1.created);
  assert.deepEqual(app.sharedDigests, { [v1.digest!]: ["latest", "v1"] });
  assert.equal(app.canDelete, false);
  const paged = await listTags(u.caller, "browse", "team/app", { limit: 2 });
  assert.equal(paged.tags.length, 2);
  assert.ok(paged.nextCursor);
  assert.equal(
    (await listTags(u.caller, "browse", "team/app", { limit: 2, cursor: paged.nextCursor! })).tags.length,
    1,
  );

  const multi = await listTags(u.caller, "browse", "team/multi", { limit: 20 });
  assert.deepEqual(multi.tags[0].platforms, ["linux/amd64", "linux/arm64"]);
  const index = await getManifest(u.caller, "browse", "team/multi", "1");
  assert.equal(index.manifest.kind, "index");
  const image = await getManifest(u.caller, "browse", "team/app", "v1");
  assert.equal(image.manifest.kind, "image");
  assert.ok(image.manifest.kind === "image" && image.manifest.layers.length >= 1);
  assert.equal(image.config?.os, "linux");
  assert.match(image.pull.byDigest, new RegExp(`/team/app@${v1.digest}$`));
  await assert.rejects(getManifest(u.caller, "browse", "team/app", "../../x"), /tag or a sha256 digest/);
  await assert.rejects(getManifest(u.caller, "browse", "team/app", "nope"), /not found/);
});

test("deleting lists the sibling tags first, needs the delete grant, and is recorded", async () => {
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "team/app", actions: ["pull"] });
  await assert.rejects(
    deletePreview(u.caller, "browse", "team/app", "v1"),
    /may not delete in team\/app \(no delete grant covers it\)/,
  );
  await grant({ subject: { type: "user", name: u.username }, repository: "team/app", actions: ["delete"] });
  const preview = await deletePreview(u.caller, "browse", "team/app", "v1");
  assert.deepEqual(preview.tags, ["latest", "v1"]);
  const before = await countAuditEvents({ action: "registry.delete_manifest" });
  assert.deepEqual(await deleteManifest(u.caller, "browse", "team/app", preview.digest, preview.tags), {
    deleted: preview.digest,
    tags: ["latest", "v1"],
  });
  assert.deepEqual(
    (await listTags(u.caller, "browse", "team/app", { limit: 20 })).tags.map((t) => t.tag),
    ["v2"],
  );
  assert.equal((await countAuditEvents({ action: "registry.delete_manifest" })) - before, 1);
  await assert.rejects(deleteManifest(u.caller, "browse", "team/app", "sha256:" + "0".repeat(64), []), /not found/);
});

test("a registry without deletes enabled is explained; an unreachable one says so", async () => {
  const reg = await registryFor("nodelete", false);
  const img = await buildTestImage("keep\n");
  assert.equal(
    (await skopeoCopy(img, `docker://${reg.host}/keep/app:1`, `${admin.username}:${admin.password}`)).code,
    0,
  );
  const { digest } = await deletePreview(admin.caller, "nodelete", "keep/app", "1");
  await assert.rejects(
    deleteManifest(admin.caller, "nodelete", "keep/app", digest, ["1"]),
    /storage\.delete\.enabled: true/,
  );

  await db().registry.create({
    data: { name: "gone", service: "gone", url: "http://127.0.0.1:1", allowPrivateNetwork: true },
  });
  await assert.rejects(
    listRepositories(admin.caller, "gone", { limit: 10 }),
    (e: unknown) =>
      (e as { status: number }).status === 502 && /unreachable: the connection was refused/.test((e as Error).message),
  );
  await db().registry.create({
    data: { name: "private", service: "private", url: reg.url, allowPrivateNetwork: false },
  });
  await assert.rejects(listRepositories(admin.caller, "private", { limit: 10 }), /allow private network/);
});

test(
  "loopback spelled as IPv4-mapped IPv6 stays blocked; a dripping registry is a 504 naming it, never a hang or a 500",
  { timeout: 60_000 },
  async () => {
    const reg = registries[0];
    const port = new URL(reg.url).port;
    for (const host of ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]"]) {
      const name = `mapped-${registries.length}-${host.length}`;
      await db().registry.create({
        data: { name, service: name, url: `http://${host}:${port}`, allowPrivateNetwork: false },
      });
      await assert.rejects(
        listRepositories(admin.caller, name, { limit: 10 }),
        (e: unknown) => (e as { status: number }).status === 502 && /private or loopback/.test((e as Error).message),
        host,
      );
    }
    const timers: NodeJS.Timeout[] = [];
    const drip = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      timers.push(setInterval(() => res.write(" "), 500));
    });
    await new Promise<void>((r) => drip.listen(0, "127.0.0.1", r));
    try {
      await db().registry.create({
        data: {
          name: "drip",
          service: "drip",
          url: `http://127.0.0.1:${(drip.address() as { port: number }).port}`,
          allowPrivateNetwork: true,
        },
      });
      await assert.rejects(
        listRepositories(admin.caller, "drip", { limit: 10 }),
        (e: unknown) =>
          (e as { status: number }).status === 504 && /registry drip did not answer in time/.test((e as Error).message),
      );
    } finally {
      timers.forEach(clearInterval);
      drip.closeAllConnections();
      drip.close();
    }
  },
);

test("direct mode: the registry's CORS is checked server-side for this console's origin, with the fix", async () => {
  assert.deepEqual(await directModeCheck(admin.caller, "browse"), { direct: false });
  await db().registry.update({ where: { name: "browse" }, data: { browseMode: "direct" } });
  try {
    const r = await directModeCheck(admin.caller, "browse");
    assert.equal(r.direct, true);
    assert.equal(r.direct && r.cors.status, "warn");
    assert.match(r.direct ? r.cors.detail : "", /no Access-Control-Allow-Origin/);
    assert.match(r.direct ? (r.cors.fix ?? "") : "", /Access-Control-Expose-Headers: \["Docker-Content-Digest"\]/);
  } finally {
    await db().registry.update({ where: { name: "browse" }, data: { browseMode: "server" } });
  }
});
