// The token endpoint over HTTP: protocol details, lockout, and changes taking effect on the very
// next request. In-process server (the same handler server.ts mounts), real PostgreSQL.
import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "../../lib/db/client";
import { updateUserAccount } from "../../lib/services/users";
import { setMembership } from "../../lib/services/teams";
import { removeGrant } from "../../lib/services/grants";
import { invalidateSettings } from "../../lib/settings";
import { activateNextKey, certificateBundle, ensureSigningKey, prepareNextKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeRegistry, makeTeam, makeToken, makeUser, systemActor, uniqueName } from "../helpers/factories";
import { startTokenServer } from "../helpers/token-server";
import { basic } from "../helpers/http";

const SERVICE = "te-registry";
let tdb: TestDb;
let server: { url: string; stop(): Promise<void> };

before(async () => {
  tdb = await useTestDatabase();
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  server = await startTokenServer();
});
after(async () => {
  await server?.stop();
  await tdb?.close();
});

async function token(auth: string | null, scope: string | string[], extra = "") {
  const scopes = (Array.isArray(scope) ? scope : [scope]).map((s) => `&scope=${encodeURIComponent(s)}`).join("");
  const res = await fetch(`${server.url}/api/registry/token?service=${SERVICE}${scopes}${extra}`, {
    headers: auth ? { Authorization: auth } : {},
  });
  const body = (await res.json()) as Record<string, unknown>;
  const claims =
    typeof body.token === "string" ? JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString()) : null;
  return { status: res.status, body, claims };
}
const actionsOf = (claims: { access: { name: string; actions: string[] }[] } | null, name: string) =>
  claims?.access.find((a) => a.name === name)?.actions ?? null;

test("response shape and claims follow the spec", async () => {
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "shape/app", actions: ["pull"] });
  const r = await token(basic(u.username, u.password), "repository:shape/app:pull,push");
  assert.equal(r.status, 200);
  assert.equal(r.body.token, r.body.access_token);
  assert.equal(r.body.expires_in, 300);
  assert.ok(!Number.isNaN(Date.parse(String(r.body.issued_at))));
  assert.equal(r.claims.iss, "portcullis");
  assert.equal(r.claims.aud, SERVICE);
  assert.equal(r.claims.sub, u.username);
  for (const k of ["exp", "nbf", "iat", "jti"]) assert.ok(r.claims[k], k);
  assert.deepEqual(r.claims.access, [{ type: "repository", name: "shape/app", actions: ["pull"] }]);
  assert.equal(r.body.refresh_token, undefined);
});

test("the account parameter never changes who the token is for", async () => {
  const u = await makeUser();
  const r = await token(basic(u.username, u.password), "repository:x/y:pull", "&account=admin");
  assert.equal(r.claims.sub, u.username);
});

test("bad requests: unknown service, malformed auth, wrong method, junk scopes", async () => {
  const unknown = await fetch(`${server.url}/api/registry/token?service=nope`);
  assert.equal(unknown.status, 400);
  assert.match(JSON.stringify(await unknown.json()), /unknown service/);
  const malformed = await fetch(`${server.url}/api/registry/token?service=${SERVICE}`, {
    headers: { Authorization: "Basic !!!" },
  });
  assert.equal(malformed.status, 400);
  const put = await fetch(`${server.url}/api/registry/token`, { method: "PUT" });
  assert.equal(put.status, 405);
  const u = await makeUser();
  const junk = await token(basic(u.username, u.password), ["repository:../../etc:pull", "%%%", "repository:a/b:pull"]);
  assert.equal(junk.status, 200);
  assert.deepEqual(junk.claims.access, [
    { type: "repository", name: "../../etc", actions: [] },
    { type: "repository", name: "a/b", actions: [] },
  ]);
  const tooMany = await fetch(`${server.url}/api/registry/token?service=${SERVICE}${"&scope=x".repeat(100)}`);
  assert.equal(tooMany.status, 400);
});

test("an unknown user and a wrong password get the same answer", async () => {
  const u = await makeUser();
  const a = await token(basic(u.username, "wrong-password"), "repository:a/b:pull");
  const b = await token(basic(uniqueName("ghost"), "wrong-password"), "repository:a/b:pull");
  assert.equal(a.status, 401);
  assert.deepEqual(a, b);
  const events = await db().auditEvent.findMany({ where: { reason: { in: ["bad_password", "unknown_account"] } } });
  assert.ok(events.length >= 2, "the real reasons are recorded");
});

test("removing a team member, disabling a user and revoking a grant take effect on the next request", async () => {
  const u = await makeUser();
  const team = uniqueName("ops");
  await makeTeam(team, [u]);
  const g = await grant({ subject: { type: "team", name: team }, repository: "ops/*", actions: ["pull", "push"] });
  const ask = () => token(basic(u.username, u.password), "repository:ops/app:push");
  assert.deepEqual(actionsOf((await ask()).claims, "ops/app"), ["push"]);
  await setMembership(systemActor, FULL_STEWARDSHIP, team, u.username, false);
  assert.deepEqual(actionsOf((await ask()).claims, "ops/app"), []);
  await setMembership(systemActor, FULL_STEWARDSHIP, team, u.username, true);
  assert.deepEqual(actionsOf((await ask()).claims, "ops/app"), ["push"]);
  await removeGrant(systemActor, FULL_STEWARDSHIP, g.id);
  assert.deepEqual(actionsOf((await ask()).claims, "ops/app"), []);
  await updateUserAccount(systemActor, u.id, { disabled: true });
  assert.equal((await ask()).status, 401, "a disabled account is refused even from the credential cache");
});

test("a password change voids the verified-credential cache at once", async () => {
  const u = await makeUser();
  assert.equal((await token(basic(u.username, u.password), "repository:a/b:pull")).status, 200);
  await updateUserAccount(systemActor, u.id, { password: "a-brand-new-password" });
  assert.equal((await token(basic(u.username, u.password), "repository:a/b:pull")).status, 401);
  assert.equal((await token(basic(u.username, "a-brand-new-password"), "repository:a/b:pull")).status, 200);
});

test("repeated failures lock out that account from that address only, and admins can lift it", async () => {
  await db().setting.upsert({
    where: { key: "lockoutThreshold" },
    create: { key: "lockoutThreshold", value: 3 },
    update: { value: 3 },
  });
  await db().setting.upsert({
    where: { key: "slowdownAfter" },
    create: { key: "slowdownAfter", value: 100 },
    update: { value: 100 },
  });
  invalidateSettings();
  try {
    const u = await makeUser();
    for (let i = 0; i < 3; i++)
      assert.equal((await token(basic(u.username, "nope"), "repository:a/b:pull")).status, 401);
    assert.equal(
      (await token(basic(u.username, u.password), "repository:a/b:pull")).status,
      401,
      "locked even with the right password",
    );
    const locked = await db().authFailure.findFirstOrThrow({ where: { username: u.username } });
    assert.ok(locked.lockedUntil && locked.lockedUntil > new Date());
    assert.equal(locked.clientIp, "127.0.0.1");
    // The same account from another address is unaffected (counted per pair).
    const { authenticate } = await import("../../lib/auth/credentials");
    assert.equal((await authenticate(u.username, u.password, "10.9.9.9")).ok, true);
    await db().authFailure.deleteMany({ where: { username: u.username } });
    assert.equal((await token(basic(u.username, u.password), "repository:a/b:pull")).status, 200);
  } finally {
    await db().setting.deleteMany({ where: { key: { in: ["lockoutThreshold", "slowdownAfter"] } } });
    invalidateSettings();
  }
});

test("a rotated token's old secret works only during the grace period", async () => {
  const u = await makeUser();
  const t = await makeToken(u.caller);
  const { rotateToken } = await import("../../lib/services/tokens");
  const rotated = await rotateToken(u.caller, t.id, 1);
  assert.equal((await token(basic(u.username, t.token), "repository:a/b:pull")).status, 200, "old secret within grace");
  assert.equal((await token(basic(u.username, rotated.token), "repository:a/b:pull")).status, 200);
  await db().accessToken.update({ where: { id: t.id }, data: { graceUntil: new Date(Date.now() - 1000) } });
  assert.equal((await token(basic(u.username, t.token), "repository:a/b:pull")).status, 401, "old secret after grace");
  const other = await makeUser();
  assert.equal(
    (await token(basic(other.username, rotated.token), "repository:a/b:pull")).status,
    401,
    "a token only works with its owner's name",
  );
});

test("key rotation: the pending key joins the bundle first; after activation both stay until tokens expire", async () => {
  const before = await certificateBundle();
  assert.equal(before.match(/BEGIN CERTIFICATE/g)?.length, 1);
  const next = await prepareNextKey(systemActor);
  assert.equal((await certificateBundle()).match(/BEGIN CERTIFICATE/g)?.length, 2);
  await activateNextKey(systemActor);
  const u = await makeUser();
  const r = await token(basic(u.username, u.password), "repository:a/b:pull");
  const header = JSON.parse(Buffer.from(String(r.body.token).split(".")[0], "base64url").toString());
  assert.equal(header.kid, next.kid, "new tokens are signed with the new key");
  assert.equal((await certificateBundle()).match(/BEGIN CERTIFICATE/g)?.length, 2, "the retired key stays");
  await db().signingKey.updateMany({
    where: { status: "retired" },
    data: { retiredAt: new Date(Date.now() - 86_400_000) },
  });
  assert.equal(
    (await certificateBundle()).match(/BEGIN CERTIFICATE/g)?.length,
    1,
    "and leaves once its tokens expired",
  );
});

test("health answers readiness as JSON: live, ready (database, migrations, signing key), and both", async () => {
  const res = await fetch(`${server.url}/api/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(
    await res.json().then((b) => ({ ready: (b as { ready: boolean }).ready, live: (b as { live: boolean }).live })),
    { ready: true, live: true },
  );
  const live = await fetch(`${server.url}/api/health/live`);
  assert.deepEqual([live.status, await live.json()], [200, { status: "ok", live: true }]);
  const ready = (await (await fetch(`${server.url}/api/health/ready`)).json()) as Record<string, { ok: boolean }>;
  assert.deepEqual([ready.database.ok, ready.migrations.ok, ready.signingKey.ok], [true, true, true]);
});

test("hostile requests never get a 500 and never a grant beyond the rules", { timeout: 120_000 }, async () => {
  const fc = (await import("fast-check")).default;
  const u = await makeUser();
  await grant({ subject: { type: "user", name: u.username }, repository: "fuzz/app", actions: ["pull"] });
  const piece = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom(
      "repository:fuzz/app:pull,push,delete,*",
      "repository:fuzz/*:pull",
      "repository:FUZZ/app:pull",
      "repository:fuzz/app/:pull",
      "repository:fuzz%2Fapp:pull",
      "registry:catalog:*",
      "repository(plugin):fuzz/app:pull",
      `repository:${"a".repeat(40)}!:pull`,
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(piece, { maxLength: 12 }),
      fc.option(fc.string({ maxLength: 60 })),
      fc.boolean(),
      async (scopes, account, withCreds) => {
        const qs = new URLSearchParams([
          ["service", SERVICE],
          ...scopes.map((s) => ["scope", s] as [string, string]),
          ...(account !== null ? [["account", account] as [string, string]] : []),
        ]);
        const res = await fetch(`${server.url}/api/registry/token?${qs}`, {
          headers: withCreds ? { Authorization: basic(u.username, u.password) } : {},
        });
        assert.ok([200, 400, 401].includes(res.status), `status ${res.status}`);
        const body = (await res.json()) as { token?: string };
        if (body.token) {
          const claims = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString());
          assert.equal(claims.sub, withCreds ? u.username : "");
          for (const a of claims.access as { type: string; name: string; actions: string[] }[]) {
            if (a.actions.length === 0) continue;
            assert.deepEqual([a.type, a.name, a.actions], ["repository", "fuzz/app", ["pull"]], JSON.stringify(a));
            assert.ok(withCreds);
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});
