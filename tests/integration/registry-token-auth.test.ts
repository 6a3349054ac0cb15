// The heart of the product, proven end to end: a real docker-registry configured for token auth
// against Portcullis's endpoint, driven by a real client (skopeo).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, test } from "node:test";
import { db } from "../../lib/db/client";
import { buildClaims, signJwt } from "../../lib/registry/jwt";
import { generateSigningKey } from "../../lib/registry/signing-key";
import { revokeToken } from "../../lib/services/tokens";
import { activeSigner, certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeRegistry, makeTeam, makeToken, makeUser, uniqueName } from "../helpers/factories";
import { buildTestImage, skopeoCopy, skopeoInspect, startRegistry, type TestRegistry } from "../helpers/registry";
import { startTokenServer } from "../helpers/token-server";

const SERVICE = "it-registry";
let tdb: TestDb;
let registry: TestRegistry;
let tokenServer: { url: string; stop(): Promise<void> };
let image: string;

before(async () => {
  tdb = await useTestDatabase();
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  tokenServer = await startTokenServer();
  registry = await startRegistry({
    realm: `${tokenServer.url}/api/registry/token`,
    service: SERVICE,
    issuer: "portcullis",
    bundlePem: await certificateBundle(),
  });
  image = await buildTestImage();
});

after(async () => {
  await registry?.stop();
  await tokenServer?.stop();
  await tdb?.close();
});

const ref = (repo: string, tag = "v1") => `docker://${registry.host}/${repo}:${tag}`;

async function lastDecision(actorName: string) {
  return db().auditEvent.findFirst({ where: { action: "token.issue", actorName }, orderBy: { id: "desc" } });
}

test("a user granted push on team/app pushes with a PAT, and the audit log records it", async () => {
  const alice = await makeUser();
  await grant({ subject: { type: "user", name: alice.username }, repository: "team/app", actions: ["pull", "push"] });
  const { token } = await makeToken(alice.caller);
  const r = await skopeoCopy(image, ref("team/app"), `${alice.username}:${token}`);
  assert.equal(r.code, 0, r.stderr);
  const inspect = await skopeoInspect(ref("team/app"), `${alice.username}:${token}`);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(JSON.parse(inspect.stdout).Digest, /^sha256:/);
  const ev = await lastDecision(alice.username);
  assert.ok(ev, "decision recorded");
  assert.match(ev.credential ?? "", /^token:/);
  assert.equal(ev.outcome, "granted");
  const t = await db().accessToken.findFirstOrThrow({ where: { userId: alice.id } });
  assert.ok(t.lastUsedAt, "last use recorded");
  assert.equal(t.lastUsedIp, "127.0.0.1");
});

test("pull-only: push is denied with the registry's own `denied` error, pull works", async () => {
  const owner = await makeUser();
  await grant({
    subject: { type: "user", name: owner.username },
    repository: "shared/base",
    actions: ["pull", "push"],
  });
  assert.equal((await skopeoCopy(image, ref("shared/base"), `${owner.username}:${owner.password}`)).code, 0);

  const bob = await makeUser();
  await grant({ subject: { type: "user", name: bob.username }, repository: "shared/base", actions: ["pull"] });
  const push = await skopeoCopy(image, ref("shared/base", "bob"), `${bob.username}:${bob.password}`);
  assert.notEqual(push.code, 0);
  assert.match(push.stderr, /denied: requested access to the resource is denied/);
  const pull = await skopeoInspect(ref("shared/base"), `${bob.username}:${bob.password}`);
  assert.equal(pull.code, 0, pull.stderr);

  const denied = await db().auditEvent.findFirst({
    where: { actorName: bob.username, outcome: { in: ["partial", "denied"] } },
    orderBy: { id: "desc" },
  });
  assert.ok(denied, "the denial is recorded");
  assert.match(denied.reason ?? "", /shared\/base:push=no_grant/);
});

test("revoked PAT, expired PAT and wrong password all fail, with the reason recorded", async () => {
  const carol = await makeUser();
  await grant({ subject: { type: "user", name: carol.username }, repository: "carol/*", actions: ["pull", "push"] });
  const revoked = await makeToken(carol.caller);
  const expired = await makeToken(carol.caller);
  await revokeToken(carol.caller, revoked.id);
  await db().accessToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

  for (const [secret, reason] of [
    [revoked.token, "token_revoked"],
    [expired.token, "token_expired"],
    ["not-her-password", "bad_password"],
  ]) {
    const r = await skopeoCopy(image, ref("carol/app"), `${carol.username}:${secret}`);
    assert.notEqual(r.code, 0, `${reason} must fail`);
    assert.match(r.stderr, /unauthorized|authentication failed|401/i);
    const ev = await db().auditEvent.findFirst({
      where: { actorName: carol.username, reason },
      orderBy: { id: "desc" },
    });
    assert.ok(ev, `audit event with reason ${reason}`);
    assert.equal(ev.outcome, "denied");
  }
});

test("a team pattern grant team/* covers team/other but not teamx/app", async () => {
  const dave = await makeUser();
  const teamName = uniqueName("devs");
  await makeTeam(teamName, [dave]);
  await grant({ subject: { type: "team", name: teamName }, repository: "team/*", actions: ["pull", "push"] });
  const { token } = await makeToken(dave.caller);
  assert.equal((await skopeoCopy(image, ref("team/other"), `${dave.username}:${token}`)).code, 0);
  const r = await skopeoCopy(image, ref("teamx/app"), `${dave.username}:${token}`);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /denied/);
});

test("a token scoped to pull cannot push even where its owner may", async () => {
  const erin = await makeUser();
  await grant({ subject: { type: "user", name: erin.username }, repository: "erin/*", actions: ["pull", "push"] });
  const { token } = await makeToken(erin.caller, { scopes: [{ repository: "erin/*", actions: ["pull"] }] });
  const r = await skopeoCopy(image, ref("erin/app"), `${erin.username}:${token}`);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /denied/);
  const ev = await lastDecision(erin.username);
  assert.match(ev?.reason ?? "", /token_scope/);
});

test("anonymous clients get public repositories only", async () => {
  const admin = await makeUser({ role: "admin" });
  assert.equal((await skopeoCopy(image, ref("public/tool"), `${admin.username}:${admin.password}`)).code, 0);
  assert.equal((await skopeoCopy(image, ref("private/tool"), `${admin.username}:${admin.password}`)).code, 0);
  await grant({ subject: { type: "public" }, repository: "public/*", actions: ["pull"] });
  assert.equal((await skopeoInspect(ref("public/tool"))).code, 0);
  const priv = await skopeoInspect(ref("private/tool"));
  assert.notEqual(priv.code, 0);
});

test("the registry refuses tampered, foreign, expired and mis-addressed tokens", async () => {
  const signer = await activeSigner();
  const access = [{ type: "repository", name: "team/app", actions: ["pull"] }];
  const good = buildClaims({ issuer: "portcullis", subject: "x", service: SERVICE, access, ttlSeconds: 300 });
  const status = async (jwt: string) =>
    (await fetch(`${registry.url}/v2/team/app/tags/list`, { headers: { Authorization: `Bearer ${jwt}` } })).status;

  assert.equal(await status(signJwt(good, signer)), 200, "control: a genuine token works");
  const foreign = generateSigningKey("ES256");
  assert.equal(
    await status(
      signJwt(good, { algorithm: "ES256", kid: foreign.kid, key: crypto.createPrivateKey(foreign.privateKeyPem) }),
    ),
    401,
  );
  assert.equal(await status(signJwt(good, { ...signer, kid: foreign.kid })), 401, "unknown kid");
  assert.equal(
    await status(
      signJwt({ ...good, exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 900 }, signer),
    ),
    401,
  );
  assert.equal(await status(signJwt({ ...good, aud: "another-registry" }, signer)), 401);
  assert.equal(await status(signJwt({ ...good, iss: "someone-else" }, signer)), 401);
  const [h, p] = signJwt(good, signer).split(".");
  const none = `${Buffer.from(JSON.stringify({ typ: "JWT", alg: "none", kid: signer.kid })).toString("base64url")}.${p}.`;
  assert.equal(await status(none), 401, "alg none");
  const widened = Buffer.from(
    JSON.stringify({ ...good, access: [{ ...access[0], actions: ["pull", "push"] }] }),
  ).toString("base64url");
  assert.equal(await status(`${h}.${widened}.${signJwt(good, signer).split(".")[2]}`), 401, "edited claims");
});

test("OAuth2 form: password grant with offline access returns a refresh token that renews", async () => {
  const fay = await makeUser();
  await grant({ subject: { type: "user", name: fay.username }, repository: "fay/app", actions: ["pull"] });
  const post = (form: Record<string, string>) =>
    fetch(`${tokenServer.url}/api/registry/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  const first = await post({
    grant_type: "password",
    username: fay.username,
    password: fay.password,
    service: SERVICE,
    scope: "repository:fay/app:pull",
    client_id: "test",
    access_type: "offline",
  });
  assert.equal(first.status, 200);
  const body = (await first.json()) as { access_token: string; refresh_token: string; expires_in: number };
  assert.match(body.refresh_token, /^pcf_/);
  assert.ok(body.expires_in >= 60);
  const again = await post({
    grant_type: "refresh_token",
    refresh_token: body.refresh_token,
    service: SERVICE,
    scope: "repository:fay/app:pull",
    client_id: "test",
  });
  assert.equal(again.status, 200);
  const tags = await fetch(`${registry.url}/v2/fay/app/tags/list`, {
    headers: { Authorization: `Bearer ${((await again.json()) as { access_token: string }).access_token}` },
  });
  assert.notEqual(tags.status, 401);
  await db().user.update({ where: { id: fay.id }, data: { disabled: true } });
  const disabled = await post({
    grant_type: "refresh_token",
    refresh_token: body.refresh_token,
    service: SERVICE,
    scope: "repository:fay/app:pull",
  });
  assert.equal(disabled.status, 401, "a disabled account's refresh token stops working");
});
