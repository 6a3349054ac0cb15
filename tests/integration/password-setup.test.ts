// One-time set-password links: an account created without a password cannot sign in until its
// link is used; a link works once, expires, and is stored only as a hash.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { authenticate } from "../../lib/auth/credentials";
import { db } from "../../lib/db/client";
import { completeSetup, sendSetupLink } from "../../lib/services/password-setup";
import { createUserAccount } from "../../lib/services/users";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makeUser, systemActor, uniqueName } from "../helpers/factories";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(async () => {
  await tdb?.close();
});

const meta = { clientIp: "10.7.0.1", userAgent: "test", requestId: "r1" };
const tokenOf = (url: string) => new URL(url).hash.replace("#token=", "");

test("a user created without a password gets a link; it sets the password once", async () => {
  const username = uniqueName("newbie");
  const created = await createUserAccount(systemActor, { username, role: "user" });
  assert.match(created.setPasswordUrl ?? "", /\/set-password#token=pcs_[A-Za-z0-9_-]{43}$/);
  const token = tokenOf(created.setPasswordUrl!);

  const stored = await db().user.findUniqueOrThrow({ where: { username } });
  assert.notEqual(stored.passwordSetupHash, token, "only the hash is stored");
  const before = await authenticate(username, "anything-at-all", "10.7.0.2");
  assert.deepEqual(before.ok ? "ok" : before.reason, "bad_password", "no password works before the link is used");

  assert.deepEqual(await completeSetup({ token, password: "chosen-by-them" }, meta), { username });
  assert.equal((await authenticate(username, "chosen-by-them", "10.7.0.3")).ok, true);
  await assert.rejects(completeSetup({ token, password: "second-attempt" }, meta), /invalid, used or expired/);
  assert.equal((await authenticate(username, "second-attempt", "10.7.0.4")).ok, false);
  assert.ok(await db().auditEvent.findFirst({ where: { action: "user.password_set", actorName: username } }));
});

test("a link for an existing user expires, and a fresh one replaces the old", async () => {
  const u = await makeUser();
  const first = tokenOf((await sendSetupLink(systemActor, u.username)).url);
  const second = tokenOf((await sendSetupLink(systemActor, u.username)).url);
  await assert.rejects(completeSetup({ token: first, password: "from-the-old-link" }, meta), /invalid/);
  await db().user.update({ where: { id: u.id }, data: { passwordSetupExpiresAt: new Date(Date.now() - 1000) } });
  await assert.rejects(completeSetup({ token: second, password: "too-late-now" }, meta), /invalid, used or expired/);
  assert.equal((await authenticate(u.username, u.password, "10.7.0.5")).ok, true, "the current password kept working");
  await assert.rejects(completeSetup({ token: "pcs_made-up", password: "whatever-it-is" }, meta), /invalid/);
});
