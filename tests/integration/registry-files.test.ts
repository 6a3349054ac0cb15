// Registry configuration files, proven with the real registry and client: the generated htpasswd
// and config.yml run docker-registry, skopeo pushes with the generated credentials, `htpasswd -vb`
// verifies every entry; policy files round-trip; the registry check diagnoses real registries.
import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { db } from "../../lib/db/client";
import { env } from "../../lib/config/env";
import { fullConfig } from "../../lib/registry/config-yaml";
import { generateHtpasswd } from "../../lib/services/htpasswd";
import { exportPolicy, importPolicy } from "../../lib/services/policies";
import { checkRegistry, registryConfig } from "../../lib/services/registry-config";
import { addServiceAccount } from "../../lib/services/teams";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeTeam, makeUser, systemActor, uniqueName } from "../helpers/factories";
import { run } from "../helpers/processes";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";

let tdb: TestDb;
let image: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-files-"));
const htpasswdPath = path.join(dir, "htpasswd");
const registries: TestRegistry[] = [];
const actor = { ...systemActor, actorId: null };

before(async () => {
  process.env.PORTCULLIS_HTPASSWD_PATH = htpasswdPath;
  tdb = await useTestDatabase();
  image = await buildTestImage("htpasswd push\n");
});
after(async () => {
  for (const r of registries) await r.stop();
  await tdb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a team's htpasswd file with generated passwords runs the real registry; skopeo pushes with them; htpasswd -vb agrees", async () => {
  const [alice, bob, outsider] = [await makeUser(), await makeUser(), await makeUser()];
  const team = await makeTeam(uniqueName("ht"), [alice, bob]);
  const robot = await addServiceAccount(systemActor, FULL_STEWARDSHIP, {
    name: uniqueName("ht-robot"),
    team: team.name,
  });
  const out = await generateHtpasswd(actor, {
    accounts: { type: "team", name: team.name },
    credential: "generated",
    tokenDays: 30,
    write: true,
  });
  assert.deepEqual(out.credentials.map((c) => c.account).sort(), [alice.username, bob.username, robot.name].sort());
  assert.equal(out.written, htpasswdPath);
  assert.equal(fs.readFileSync(htpasswdPath, "utf8"), out.file);
  assert.equal(fs.statSync(htpasswdPath).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(dir), ["htpasswd"], "no temporary file left behind");
  for (const c of out.credentials) {
    assert.equal((await run("htpasswd", ["-vb", htpasswdPath, c.account, c.password])).code, 0, c.account);
  }
  assert.notEqual((await run("htpasswd", ["-vb", htpasswdPath, outsider.username, "x"])).code, 0);
  assert.doesNotMatch(
    JSON.stringify(await db().auditEvent.findMany({ where: { action: "htpasswd.generate" } }), (_k, v) =>
      typeof v === "bigint" ? String(v) : v,
    ),
    new RegExp(out.credentials[0].password),
  );

  const reg = await startRegistry({
    config: (addr, storage) =>
      fullConfig({ addr, storageDir: storage, auth: { mode: "htpasswd", path: htpasswdPath } }),
  });
  registries.push(reg);
  const c = out.credentials[0];
  const ok = await skopeoCopy(image, `docker://${reg.host}/ht/app:v1`, `${c.account}:${c.password}`);
  assert.equal(ok.code, 0, ok.stderr);
  const bad = await skopeoCopy(image, `docker://${reg.host}/ht/app:v2`, `${c.account}:wrong-password`);
  assert.notEqual(bad.code, 0);
});

test("token credentials: each account gets a new access token that is also its htpasswd password", async () => {
  const u = await makeUser();
  const out = await generateHtpasswd(actor, {
    accounts: { type: "selected", names: [u.username] },
    credential: "token",
    tokenDays: 30,
    write: false,
  });
  assert.match(out.credentials[0].password, /^pct_/);
  const token = await db().accessToken.findUniqueOrThrow({ where: { id: out.credentials[0].tokenId! } });
  assert.equal(token.userId, u.id);
  const file = path.join(dir, "token-htpasswd");
  fs.writeFileSync(file, out.file);
  assert.equal((await run("htpasswd", ["-vb", file, u.username, out.credentials[0].password])).code, 0);
  fs.rmSync(file);
});

test("bad htpasswd requests give clear errors and change nothing", async () => {
  const before = fs.readFileSync(htpasswdPath, "utf8");
  const tokens = await db().accessToken.count();
  await assert.rejects(
    generateHtpasswd(actor, {
      accounts: { type: "selected", names: ["no-such-account"] },
      credential: "token",
      tokenDays: 30,
      write: true,
    }),
    /no enabled user or service account named "no-such-account"/,
  );
  await assert.rejects(
    generateHtpasswd(actor, {
      accounts: { type: "team", name: "no-such-team" },
      credential: "generated",
      tokenDays: 30,
      write: true,
    }),
    /team "no-such-team"/,
  );
  await assert.rejects(
    generateHtpasswd(actor, { accounts: { type: "all" }, credential: "token", tokenDays: 3650, write: true }),
    /at most 365 days/,
  );
  assert.equal(fs.readFileSync(htpasswdPath, "utf8"), before);
  assert.equal(await db().accessToken.count(), tokens);
});

test("the generated token-mode config runs the registry, and the check finds it healthy but for TLS and direct CORS", async () => {
  await ensureSigningKey();
  const service = uniqueName("files");
  const registry = await db().registry.create({
    data: { name: service, service, url: "http://127.0.0.1:1", allowPrivateNetwork: true },
  });
  const bundle = path.join(dir, "certs.pem");
  fs.writeFileSync(bundle, await certificateBundle());
  const reg = await startRegistry({
    config: (addr, storage) =>
      registryConfig(registry, { mode: "token", bundlePath: bundle, htpasswdPath, addr, storageDir: storage }).full,
  });
  registries.push(reg);
  const results = await checkRegistry({
    kind: "distribution",
    url: reg.url,
    service,
    authMode: "token",
    allowPrivateNetwork: true,
  });
  const byCheck = Object.fromEntries(results.map((r) => [r.check, r]));
  assert.equal(byCheck.reachable.status, "ok");
  assert.equal(byCheck.api.status, "ok");
  assert.equal(byCheck.challenge.status, "ok", byCheck.challenge.detail);
  assert.equal(byCheck.tls.status, "warn");
  assert.match(byCheck.tls.fix!, /https/);
  assert.ok(["ok", "warn"].includes(byCheck.cors.status), byCheck.cors.detail);
  if (byCheck.cors.status === "warn") assert.match(byCheck.cors.fix!, /Access-Control-Allow-Origin/);

  const wrongService = await checkRegistry({
    kind: "distribution",
    url: reg.url,
    service: "some-other-service",
    authMode: "token",
    allowPrivateNetwork: true,
  });
  const ch = wrongService.find((r) => r.check === "challenge")!;
  assert.equal(ch.status, "fail");
  assert.match(ch.detail, new RegExp(`its service is ${service}`));
  assert.match(ch.fix!, /service: "some-other-service"/);

  const blocked = await checkRegistry({
    kind: "distribution",
    url: reg.url,
    service,
    authMode: "token",
    allowPrivateNetwork: false,
  });
  assert.equal(blocked[0].status, "fail");
  assert.match(blocked[0].fix!, /allow private network/);
  const down = await checkRegistry({
    kind: "distribution",
    url: "http://127.0.0.1:1",
    service,
    authMode: "token",
    allowPrivateNetwork: true,
  });
  assert.deepEqual(
    down.map((r) => r.status),
    ["fail", "skipped", "skipped", "skipped", "skipped"],
  );
  assert.match(down[0].detail, /refused/);
  assert.equal(env().PORTCULLIS_HTPASSWD_PATH, htpasswdPath);
});

test("policy files round-trip through import unchanged; a changed file previews, then applies; broken files change nothing", async () => {
  const u = await makeUser();
  const team = await makeTeam(uniqueName("pol"), [u]);
  await grant({ subject: { type: "team", name: team.name }, repository: "pol/*", actions: ["pull", "push"] });
  await grant({ subject: { type: "user", name: u.username }, repository: "pol/special", actions: ["delete"] });
  await grant({ subject: { type: "public" }, repository: "pol/base", actions: ["pull"] });
  const count = await db().grant.count();

  for (const format of ["docker-auth", "zot"] as const) {
    const { content } = await exportPolicy(format);
    const preview = await importPolicy(actor, format, content, true);
    assert.deepEqual(
      [preview.diff.add.length, preview.diff.remove.length, preview.diff.change.length, preview.applied],
      [0, 0, 0, false],
      format,
    );
    assert.equal(preview.diff.unchanged, count);
  }

  const { content } = await exportPolicy("docker-auth");
  const edited = content.replace(
    /  - match:\n      account: ""\n      type: repository\n      name: pol\/base\n    actions:\n      - pull\n/,
    "",
  );
  assert.notEqual(edited, content);
  const preview = await importPolicy(actor, "docker-auth", edited, false);
  assert.deepEqual(
    preview.diff.remove.map((g) => g.repository),
    ["pol/base"],
  );
  assert.equal(await db().grant.count(), count, "a preview changes nothing");
  const applied = await importPolicy(actor, "docker-auth", edited, true);
  assert.equal(applied.applied, true);
  assert.equal(await db().grant.count(), count - 1);
  assert.ok(await db().auditEvent.findFirst({ where: { action: "grants.import" } }));

  const now = await db().grant.count();
  await assert.rejects(importPolicy(actor, "docker-auth", "acl: [", true), /not valid YAML/);
  await assert.rejects(
    importPolicy(
      actor,
      "zot",
      `{"accessControl":{"repositories":{"x/y":{"policies":[{"users":["ghost-user"],"actions":["read"]}]}}}}`,
      true,
    ),
    /no user or service account named "ghost-user"/,
  );
  await assert.rejects(
    importPolicy(
      actor,
      "docker-auth",
      `acl:\n  - match: {account: "${u.username}", name: "Bad/Name"}\n    actions: [pull]\n`,
      true,
    ),
    /not a repository name/,
  );
  assert.equal(await db().grant.count(), now);
});

test("TLS: an untrusted or expiring certificate is reported with its fix", async () => {
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-tls-"));
  const key = path.join(certDir, "key.pem");
  const cert = path.join(certDir, "cert.pem");
  const made = await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "5",
    "-subj",
    "/CN=127.0.0.1",
  ]);
  assert.equal(made.code, 0, made.stderr);
  const https = await import("node:https");
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
    res
      .writeHead(401, {
        "Docker-Distribution-Api-Version": "registry/2.0",
        "WWW-Authenticate": 'Basic realm="Registry"',
      })
      .end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    const results = await checkRegistry({
      kind: "distribution",
      url,
      service: "x",
      authMode: "htpasswd",
      allowPrivateNetwork: true,
    });
    const tls = results.find((r) => r.check === "tls")!;
    assert.equal(tls.status, "fail");
    assert.match(tls.detail, /not trusted/);
    assert.match(tls.fix!, /trusted CA/);
    assert.equal(results.find((r) => r.check === "challenge")!.status, "ok");
  } finally {
    server.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  }
});
