// The real docker CLI and engine against a real registry and Portcullis: docker login (password,
// access token, service-account token), push granted, push denied with the registry's own message
// (explained to the person, recognised on the Help page), pull, logout, and a push longer than
// the registry token's lifetime.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { db } from "../../lib/db/client";
import { diagnose } from "../../lib/registry/client-errors";
import { myRefusals } from "../../lib/services/my-access";
import { updateSettings } from "../../lib/services/settings";
import { mintToken } from "../../lib/services/tokens";
import { getSettings } from "../../lib/settings";
import { startDockerd, type TestDocker } from "../helpers/docker";
import { grant, makePusher, makeToken, makeUser, systemActor, uniqueName } from "../helpers/factories";
import { run } from "../helpers/processes";
import { buildTestImage } from "../helpers/registry";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { registryForFile } from "../helpers/token-server";

const SERVICE = "docker-cli-registry";
const LOCAL = "local/hello:v1";
let d: TestDocker;
const ctx = registryForFile(SERVICE, async () => {
  d = await startDockerd();
  // No image can be pulled from outside: build one with umoci and load it into the engine.
  const archive = path.join(d.dir, "hello.tar");
  const copied = await run("skopeo", [
    "copy",
    "--insecure-policy",
    await buildTestImage(),
    `docker-archive:${archive}:${LOCAL}`,
  ]);
  assert.equal(copied.code, 0, copied.stderr);
  const loaded = await d.docker(["load", "-i", archive]);
  assert.equal(loaded.code, 0, loaded.stderr);
});
after(() => d?.stop());

const login = (user: string, secret: string) =>
  d.docker(["login", ctx.registry.host, "-u", user, "-p", secret], 60_000);
async function push(repo: string) {
  const ref = `${ctx.registry.host}/${repo}:v1`;
  await d.docker(["tag", LOCAL, ref]);
  return d.docker(["push", ref], 120_000);
}
const clientConfig = () => JSON.parse(fs.readFileSync(path.join(d.env.DOCKER_CONFIG!, "config.json"), "utf8"));

test("docker login with a password, push, pull and logout; config.json keeps a revocable refresh token, not the password", async () => {
  const u = await makePusher();
  const logged = await login(u.username, u.password);
  assert.equal(logged.code, 0, logged.stderr);
  assert.match(logged.stdout, /Login Succeeded/);
  const stored = clientConfig().auths[ctx.registry.host];
  assert.match(stored.identitytoken ?? "", /^pcf_/, "docker keeps Portcullis's refresh token");
  assert.doesNotMatch(JSON.stringify(clientConfig()), new RegExp(u.password), "never the password");
  assert.equal(await db().refreshToken.count({ where: { userId: u.id, revokedAt: null } }), 1);

  const pushed = await push(`${u.username}/app`);
  assert.equal(pushed.code, 0, pushed.stderr);
  assert.match(pushed.stdout, /v1: digest: sha256:[0-9a-f]{64}/);
  const ref = `${ctx.registry.host}/${u.username}/app:v1`;
  assert.equal((await d.docker(["rmi", ref])).code, 0);
  const pulled = await d.docker(["pull", ref], 120_000);
  assert.equal(pulled.code, 0, pulled.stderr);
  assert.match(pulled.stdout, /Downloaded newer image|Image is up to date/);

  assert.equal((await d.docker(["logout", ctx.registry.host])).code, 0);
  assert.equal(clientConfig().auths?.[ctx.registry.host], undefined, "logout forgets the registry");
});

test("docker push without push rights: the registry's denied message, explained to the person and recognised by Help", async () => {
  const owner = await makeUser();
  const reader = await makeUser();
  const repo = `${uniqueName("shared")}/base`;
  await grant({ subject: { type: "user", name: owner.username }, repository: repo, actions: ["pull", "push"] });
  await grant({ subject: { type: "user", name: reader.username }, repository: repo, actions: ["pull"] });
  assert.equal((await login(reader.username, reader.password)).code, 0);
  const refused = await push(repo);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /denied: requested access to the resource is denied/);

  const findings = diagnose(refused.stdout + refused.stderr, {
    registryHost: ctx.registry.host,
    plainHttp: true,
    username: reader.username,
  });
  assert.equal(findings[0]?.id, "denied");
  const summaries = (await myRefusals(reader.caller, 20)).refusals.flatMap((r) => r.explanations.map((e) => e.summary));
  assert.ok(
    summaries.some(
      (s) => s === `You may not push to ${repo}: no grant of yours, of your teams or for everyone covers it.`,
    ),
    summaries.join("\n"),
  );
  assert.equal((await myRefusals(owner.caller, 20)).refusals.length, 0, "only the person's own");
});

test("docker login with an access token and with a service account's token", async () => {
  const u = await makePusher();
  const pat = await makeToken(u.caller, { scopes: [{ repository: `${u.username}/ci`, actions: ["pull", "push"] }] });
  assert.equal((await login(u.username, pat.token)).code, 0);
  assert.equal((await push(`${u.username}/ci`)).code, 0);
  const outside = await push(`${u.username}/other`);
  assert.notEqual(outside.code, 0, "the token's scope holds even where its owner could push");
  assert.match(outside.stderr, /denied/);

  const admin = await makeUser({ role: "admin" });
  const robot = await db().serviceAccount.create({ data: { name: uniqueName("bot") } });
  await grant({
    subject: { type: "service-account", name: robot.name },
    repository: "robots/*",
    actions: ["pull", "push"],
  });
  const { token } = await mintToken(admin.caller, { name: "ci", expiresInDays: 1, serviceAccount: robot.name });
  const logged = await login(robot.name, token);
  assert.equal(logged.code, 0, logged.stderr);
  const pushed = await push("robots/app");
  assert.equal(pushed.code, 0, pushed.stderr);
  await d.docker(["logout", ctx.registry.host]);
});

test("a push that outlives its registry token: the engine renews it through the refresh token and the push completes", async (t) => {
  const u = await makePusher();
  // The shortest lifetime the policy allows (docker renews no sooner than 60 s), and a link so slow
  // that one layer takes longer than that to upload.
  const before = await getSettings();
  await updateSettings(systemActor, { tokenTtlSeconds: 60 });
  const [host, port] = ctx.registry.host.split(":");
  const slow = await startTcpProxy({ host, port: Number(port) }, { uploadBytesPerSecond: 25_000 });
  const slowHost = `127.0.0.1:${slow.port}`;
  try {
    // About 2.3 MB once compressed: some 90 s over the slow link.
    const archive = path.join(d.dir, "big.tar");
    const big = await buildTestImage(crypto.randomBytes(2_300_000).toString("base64"));
    assert.equal(
      (await run("skopeo", ["copy", "--insecure-policy", big, `docker-archive:${archive}:local/big:v1`])).code,
      0,
    );
    assert.equal((await d.docker(["load", "-i", archive])).code, 0);
    assert.equal((await d.docker(["login", slowHost, "-u", u.username, "-p", u.password], 60_000)).code, 0);
    const ref = `${slowHost}/${u.username}/big:v1`;
    await d.docker(["tag", "local/big:v1", ref]);
    const started = new Date();
    const pushed = await d.docker(["push", ref], 300_000);
    const took = Date.now() - started.getTime();
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.ok(took > 65_000, `the push must outlive the 60 s token (took ${took} ms)`);

    const issued = await db().auditEvent.findMany({
      where: { action: "token.issue", actorName: u.username, outcome: "granted", time: { gte: started } },
      select: { time: true, credential: true },
      orderBy: { id: "asc" },
    });
    assert.ok(
      issued.every((e) => e.credential?.startsWith("refresh_token")),
      "renewed with the refresh token only",
    );
    const span = issued.at(-1)!.time.getTime() - issued[0].time.getTime();
    t.diagnostic(`push ${took} ms; ${issued.length} registry tokens over ${span} ms`);
    assert.ok(
      span >= 55_000,
      `a fresh token was fetched after the first expired (${issued.length} tokens over ${span} ms)`,
    );
  } finally {
    await slow.close();
    await updateSettings(systemActor, { tokenTtlSeconds: before.tokenTtlSeconds });
    await d.docker(["logout", slowHost]);
  }
});
