// Identical grant requests in parallel make exactly one grant (the rest are 409 conflicts), so
// revoking that one grant really takes the access away. Real PostgreSQL, concurrent transactions.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "../../lib/db/client";
import { AppError } from "../../lib/http/errors";
import { addGrant, removeGrant } from "../../lib/services/grants";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makeTeam, makeUser, systemActor, uniqueName } from "../helpers/factories";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(async () => {
  await tdb?.close();
});

test("eight identical grant requests at once: one grant, seven conflicts; revoking it removes the access", async () => {
  const u = await makeUser();
  const input = { subject: { type: "user" as const, name: u.username }, repository: `${u.username}/*`, actions: ["pull" as const, "push" as const] };
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => addGrant(systemActor, input)));
  const created = results.filter((r) => r.status === "fulfilled");
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.equal(created.length, 1);
  assert.equal(refused.length, 7);
  for (const r of refused) assert.ok(r.reason instanceof AppError && r.reason.status === 409, String(r.reason));
  const rows = await db().grant.findMany({ where: { userId: u.id } });
  assert.equal(rows.length, 1);
  await removeGrant(systemActor, rows[0].id);
  assert.equal(await db().grant.count({ where: { userId: u.id } }), 0);
});

test("a covering grant and a narrower one raced together: the narrower is never stored under the wider", async () => {
  const t = await makeTeam(uniqueName("team"), []);
  const wide = { subject: { type: "team" as const, name: t.name }, repository: `${t.name}/*`, actions: ["pull" as const] };
  // The wider grant first, then many narrower ones at once: all refused as covered.
  await addGrant(systemActor, wide);
  const narrow = await Promise.allSettled(Array.from({ length: 6 }, () => addGrant(systemActor, { ...wide, repository: `${t.name}/app` })));
  assert.ok(narrow.every((r) => r.status === "rejected" && /already covered/.test(String((r as PromiseRejectedResult).reason))));
  assert.equal(await db().grant.count({ where: { teamId: t.id } }), 1);
});
