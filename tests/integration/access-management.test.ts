// "Why was this denied?", "who can do what", and the credential lifecycle (own password change,
// revoke everything), against real PostgreSQL and through the token endpoint's own handler.
import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { authenticate } from "../../lib/auth/credentials";
import { db } from "../../lib/db/client";
import { changeOwnPassword, credentialsHeld, revokeEverything } from "../../lib/services/account-lifecycle";
import { simulate, userReach, whoCan } from "../../lib/services/access";
import { addServiceAccount } from "../../lib/services/teams";
import { mintToken, revokeToken } from "../../lib/services/tokens";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeTeam, makeToken, makeUser, systemActor, uniqueName } from "../helpers/factories";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(async () => {
  await tdb?.close();
});

test("the simulator gives the token endpoint's decision and names the rule or the reason", async () => {
  const dev = await makeUser();
  const team = await makeTeam(uniqueName("team"), [dev]);
  await grant({ subject: { type: "team", name: team.name }, repository: "sim/*", actions: ["pull", "push"] });

  const allowed = await simulate({
    subject: { type: "user", name: dev.username },
    repository: "sim/app",
    actions: ["pull", "push"],
  });
  assert.deepEqual(allowed.granted, ["pull", "push"]);
  assert.equal(allowed.registryWouldSay, "allowed");
  assert.deepEqual(
    allowed.decision.rules.map((r) => [r.action, r.repository, r.via.type, r.via.name]),
    [
      ["pull", "sim/*", "team", team.name],
      ["push", "sim/*", "team", team.name],
    ],
  );

  const denied = await simulate({
    subject: { type: "user", name: dev.username },
    repository: "other/app",
    actions: ["delete"],
  });
  assert.deepEqual(denied.granted, []);
  assert.deepEqual(denied.decision.denied, [{ action: "delete", reason: "no_grant" }]);
  assert.match(denied.registryWouldSay, /denied/);

  const scoped = await makeToken(dev.caller, { scopes: [{ repository: "sim/app", actions: ["pull"] }] });
  const viaToken = await simulate({ tokenId: scoped.id, repository: "sim/app", actions: ["pull", "push"] });
  assert.deepEqual(viaToken.granted, ["pull"]);
  assert.deepEqual(viaToken.decision.denied, [{ action: "push", reason: "token_scope" }]);

  await revokeToken(dev.caller, scoped.id);
  const revoked = await simulate({ tokenId: scoped.id, repository: "sim/app", actions: ["pull"] });
  assert.deepEqual(revoked.authentication, { ok: false, reason: "token_revoked" });
  assert.deepEqual(revoked.granted, []);

  const bad = await simulate({
    subject: { type: "user", name: dev.username },
    repository: "Sim/../app",
    actions: ["pull"],
  });
  assert.deepEqual(bad.decision.denied, [{ action: "pull", reason: "invalid_name" }]);

  await db().user.update({ where: { id: dev.id }, data: { disabled: true } });
  const disabled = await simulate({
    subject: { type: "user", name: dev.username },
    repository: "sim/app",
    actions: ["pull"],
  });
  assert.deepEqual(disabled.authentication, { ok: false, reason: "account_disabled" });
});

test("who can do what: per repository with the grant and team behind each, per user every pattern", async () => {
  const [a, b, boss] = [await makeUser(), await makeUser(), await makeUser({ role: "admin" })];
  const team = await makeTeam(uniqueName("who"), [a]);
  await grant({ subject: { type: "team", name: team.name }, repository: "who/*", actions: ["pull"] });
  await grant({ subject: { type: "user", name: b.username }, repository: "who/app", actions: ["push", "pull"] });
  await grant({ subject: { type: "user", name: b.username }, repository: "else/*", actions: ["pull"] });

  const who = await whoCan("who/app");
  const row = (name: string) => who.subjects.filter((s) => s.subject.name === name);
  assert.deepEqual(
    row(a.username).map((r) => [r.actions, r.via.kind, r.via.team, r.via.pattern]),
    [[["pull"], "team", team.name, "who/*"]],
  );
  assert.deepEqual(
    row(b.username).map((r) => [r.actions, r.via.kind, r.via.pattern]),
    [[["pull", "push"], "grant", "who/app"]],
  );
  assert.deepEqual(
    row(boss.username).map((r) => [r.actions, r.via.kind]),
    [[["delete", "pull", "push"], "admin"]],
  );
  assert.equal(row(b.username).length, 1, "else/* does not cover who/app");
  await assert.rejects(whoCan("Who/App"), /not a valid repository name/);

  const reach = await userReach(b.username);
  assert.deepEqual(reach.patterns.map((p) => [p.pattern, p.actions]).sort(), [
    ["else/*", ["pull"]],
    ["who/app", ["pull", "push"]],
  ]);
});

test("changing one's own password needs the current one and voids the old password at once", async () => {
  const u = await makeUser();
  const actor = { ...systemActor, actorId: u.id, actorName: u.username, actorKind: "user" as const };
  await assert.rejects(
    changeOwnPassword(actor, { currentPassword: "wrong-password", newPassword: "a-new-password-1" }),
    /not correct/,
  );
  assert.equal((await authenticate(u.username, u.password, "10.9.0.1")).ok, true); // cached as verified
  await changeOwnPassword(actor, { currentPassword: u.password, newPassword: "a-new-password-1" });
  assert.equal((await authenticate(u.username, u.password, "10.9.0.2")).ok, false);
  assert.equal((await authenticate(u.username, "a-new-password-1", "10.9.0.2")).ok, true);
  const ev = await db().auditEvent.findFirst({ where: { action: "user.password_change", actorId: u.id } });
  assert.ok(ev);
  assert.doesNotMatch(
    JSON.stringify(ev, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
    /a-new-password-1/,
  );
});

test("revoke everything lists, then revokes sessions, tokens and the robot tokens they created, after the admin's password", async () => {
  const admin = await makeUser({ role: "admin" });
  const leaver = await makeUser({ role: "admin" });
  const own = await makeToken(leaver.caller);
  const robot = await addServiceAccount(systemActor, FULL_STEWARDSHIP, { name: uniqueName("robot") });
  const robotToken = await mintToken(leaver.caller, { name: "ci", expiresInDays: 30, serviceAccount: robot.name });
  const other = await makeToken(admin.caller);

  const held = await credentialsHeld(leaver.id);
  assert.deepEqual(
    held.tokens.map((t) => t.id),
    [own.id],
  );
  assert.deepEqual(
    held.serviceAccountTokens.map((t) => t.id),
    [robotToken.id],
  );

  const actor = { ...systemActor, actorId: admin.id, actorName: admin.username, actorKind: "user" as const };
  await assert.rejects(revokeEverything(actor, leaver.id, { password: "not-it", disable: true }), /not correct/);
  assert.equal(
    (await authenticate(leaver.username, own.token, "10.9.1.1")).ok,
    true,
    "a wrong confirmation changes nothing",
  );

  const out = await revokeEverything(actor, leaver.id, { password: admin.password, disable: true });
  assert.deepEqual(out, {
    tokensRevoked: 1,
    serviceAccountTokensRevoked: 1,
    refreshTokensRevoked: 0,
    sessionsEnded: true,
    disabled: true,
  });
  for (const secret of [own.token, robotToken.token]) {
    const r = await authenticate(null, secret, "10.9.1.2");
    assert.deepEqual(r.ok ? "ok" : r.reason, "token_revoked");
  }
  assert.equal((await authenticate(null, other.token, "10.9.1.2")).ok, true, "someone else's token is untouched");
  const after = await db().user.findUniqueOrThrow({ where: { id: leaver.id } });
  assert.equal(after.disabled, true);
  assert.ok(after.sessionsValidAfter.getTime() > Date.now() - 60_000);
  await assert.rejects(
    revokeEverything(actor, admin.id, { password: admin.password, disable: true }),
    /your own account/,
  );
});
