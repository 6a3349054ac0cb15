// Identical requests in parallel make exactly one thing (the rest are 409 conflicts): grants, so
// revoking that one grant really takes the access away, and every named object. Real PostgreSQL,
// concurrent transactions, the route handlers as Next.js mounts them.
import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as registries from "../../app/api/v1/registries/route";
import * as robots from "../../app/api/v1/service-accounts/route";
import * as members from "../../app/api/v1/teams/[name]/members/route";
import * as teams from "../../app/api/v1/teams/route";
import * as users from "../../app/api/v1/users/route";
import { db } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { ADDRESS_BUCKET, countAttempt, settleSuccess } from "../../lib/db/auth-failures";
import { isUniqueViolation } from "../../lib/db/errors";
import { addGrant, removeGrant } from "../../lib/services/grants";
import { addServiceAccount } from "../../lib/services/teams";
import { createUserAccount } from "../../lib/services/users";
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
  const input = {
    subject: { type: "user" as const, name: u.username },
    repository: `${u.username}/*`,
    actions: ["pull" as const, "push" as const],
  };
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, () => addGrant(systemActor, FULL_STEWARDSHIP, input)),
  );
  const created = results.filter((r) => r.status === "fulfilled");
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.equal(created.length, 1);
  assert.equal(refused.length, 7);
  for (const r of refused) assert.ok(r.reason instanceof AppError && r.reason.status === 409, String(r.reason));
  const rows = await db().grant.findMany({ where: { userId: u.id } });
  assert.equal(rows.length, 1);
  await removeGrant(systemActor, FULL_STEWARDSHIP, rows[0].id);
  assert.equal(await db().grant.count({ where: { userId: u.id } }), 0);
});

test("a covering grant and a narrower one raced together: the narrower is never stored under the wider", async () => {
  const t = await makeTeam(uniqueName("team"), []);
  const wide = {
    subject: { type: "team" as const, name: t.name },
    repository: `${t.name}/*`,
    actions: ["pull" as const],
  };
  // The wider grant first, then many narrower ones at once: all refused as covered.
  await addGrant(systemActor, FULL_STEWARDSHIP, wide);
  const narrow = await Promise.allSettled(
    Array.from({ length: 6 }, () => addGrant(systemActor, FULL_STEWARDSHIP, { ...wide, repository: `${t.name}/app` })),
  );
  assert.ok(
    narrow.every((r) => r.status === "rejected" && /already covered/.test(String((r as PromiseRejectedResult).reason))),
  );
  assert.equal(await db().grant.count({ where: { teamId: t.id } }), 1);
});

test("every other 'already exists' rule is a constraint answered 409, however many identical requests race", async () => {
  const admin = await makeUser({ role: "admin" });
  const auth = {
    Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString("base64")}`,
    "Content-Type": "application/json",
  };
  const call = (
    handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
    path: string,
    body: unknown,
    params: Record<string, string> = {},
  ) =>
    handler(new Request(`http://console.test${path}`, { method: "POST", headers: auth, body: JSON.stringify(body) }), {
      params: Promise.resolve(params),
    }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const expected = [201, 409, 409, 409, 409, 409, 409, 409];
  // The statuses, sorted; a mismatch shows every answer, so a failure on CI says what came back.
  const race = async (make: () => Promise<{ status: number; body: string }>) => {
    const answers = await Promise.all(Array.from({ length: 8 }, make));
    const statuses = answers.map((a) => a.status).sort();
    if (JSON.stringify(statuses) !== JSON.stringify(expected)) return answers;
    return statuses;
  };

  const team = uniqueName("team");
  assert.deepEqual(await race(() => call(teams.POST, "/api/v1/teams", { name: team })), expected);
  const member = await makeUser();
  assert.deepEqual(
    await race(() =>
      call(members.POST, `/api/v1/teams/${team}/members`, { username: member.username }, { name: team }),
    ),
    expected,
  );
  const again = await call(
    members.POST,
    `/api/v1/teams/${team}/members`,
    { username: member.username },
    { name: team },
  );
  assert.equal(again.status, 409, "adding a member again, after the race, is still a conflict");
  assert.match(again.body, /already a member/);
  const robot = uniqueName("robot");
  assert.deepEqual(await race(() => call(robots.POST, "/api/v1/service-accounts", { name: robot })), expected);
  const service = uniqueName("svc");
  assert.deepEqual(
    await race(() =>
      call(registries.POST, "/api/v1/registries", {
        name: uniqueName("reg"),
        url: "https://registry.example.com",
        service,
      }),
    ),
    expected,
    "the service name is unique too",
  );
  const username = uniqueName("user");
  assert.deepEqual(
    await race(() => call(users.POST, "/api/v1/users", { username, password: "long-enough-pw", role: "user" })),
    expected,
  );
});

test("a user and a service account of the same name raced together: exactly one of them is made", async () => {
  for (let round = 0; round < 5; round++) {
    const name = uniqueName("shared");
    const results = await Promise.allSettled([
      ...Array.from({ length: 4 }, () =>
        createUserAccount(systemActor, { username: name, password: "long-enough-pw", role: "user" }),
      ),
      ...Array.from({ length: 4 }, () => addServiceAccount(systemActor, FULL_STEWARDSHIP, { name })),
    ]);
    assert.equal(
      results.filter((r) => r.status === "fulfilled").length,
      1,
      `round ${round}: one account named ${name}`,
    );
    const users = await db().user.count({ where: { username: name } });
    const robotsNamed = await db().serviceAccount.count({ where: { name } });
    assert.equal(users + robotsNamed, 1);
    for (const r of results)
      if (r.status === "rejected")
        assert.ok(
          isUniqueViolation(r.reason) || (r.reason instanceof AppError && r.reason.status === 409),
          String(r.reason),
        );
  }
});

test("password attempts and successes of one account from one address, all at once: no deadlock, the counters settle", async () => {
  // countAttempt locks the account's and the address's rows; settleSuccess must never hold one
  // while waiting for the other (PostgreSQL's deadlock detector answered such races with an error).
  const name = uniqueName("racer");
  const ip = "203.0.113.77";
  const windowStart = new Date(Date.now() - 60_000);
  const results = await Promise.allSettled(
    Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? countAttempt([name, ADDRESS_BUCKET], ip, windowStart) : settleSuccess(name, ip, true),
    ),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.deepEqual(
    failed.map((r) => String(r.reason)),
    [],
  );
  await settleSuccess(name, ip, false);
  assert.equal(await db().authFailure.count({ where: { username: name, clientIp: ip } }), 0);
});
