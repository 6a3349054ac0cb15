// Saved audit views through the route handlers as Next.js mounts them: each person's own, checked
// as audit filters, named once, at most 50; someone else's id is not found; robots have none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as views from "../../app/api/v1/me/saved-views/route";
import * as oneView from "../../app/api/v1/me/saved-views/[id]/route";
import { db } from "../../lib/db/client";
import { MAX_SAVED_VIEWS } from "../../lib/validation/saved-view";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makeUser } from "../helpers/factories";
import { basic, bearer, call } from "../helpers/http";
import { mintToken } from "../../lib/services/tokens";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
});
after(() => tdb.close());

const auth = (u: { username: string; password: string }) => ({ Authorization: basic(u.username, u.password) });
const save = (u: { username: string; password: string }, body: unknown) =>
  call(views.POST, "POST", "/api/v1/me/saved-views", auth(u), { body });
const list = async (u: { username: string; password: string }) =>
  (await call(views.GET, "GET", "/api/v1/me/saved-views", auth(u))).body.views as {
    id: string;
    name: string;
    query: string;
  }[];

test("a person saves, lists and deletes their own views; the query must be an audit filter", async () => {
  const alice = await makeUser({ role: "auditor" });
  const bob = await makeUser({ role: "auditor" });
  const made = await save(alice, {
    name: "denied pushes to payments",
    query: "?repository=payments/&prefix=true&operation=push&outcome=denied",
  });
  assert.equal(made.status, 201);
  assert.equal(made.headers.get("location"), `/api/v1/me/saved-views/${made.body.id}`);
  assert.equal(made.body.query, "repository=payments/&prefix=true&operation=push&outcome=denied"); // without the "?"
  assert.equal((await save(bob, { name: "mine", query: "actor=bob" })).status, 201);
  assert.deepEqual(
    (await list(alice)).map((v) => v.name),
    ["denied pushes to payments"],
  );

  const refused: [unknown, RegExp][] = [
    [{ name: "denied pushes to payments", query: "actor=x" }, /already have a view named "denied pushes to payments"/],
    [{ name: "x", query: "colour=red" }, /"colour" is not an audit filter/],
    [{ name: "x", query: "outcome=maybe" }, /outcome/],
    [{ name: "x", query: "from=yesterday" }, /from/],
    [{ name: "x", query: "actor=a&actor=b" }, /each filter once/],
    [{ name: "   ", query: "actor=a" }, /give the view a name/],
    [{ name: "x".repeat(61), query: "actor=a" }, /name/],
    [{ name: "x", query: "q=" + "a".repeat(2001) }, /query/],
    [{ name: "x", query: "actor=a", extra: 1 }, /extra|unrecognized/i],
  ];
  for (const [body, message] of refused) {
    const r = await save(alice, body);
    assert.ok(r.status === 400 || r.status === 409 || r.status === 422, `${JSON.stringify(body)}: ${r.status}`);
    assert.match(r.body.error!.message, message, JSON.stringify(body));
  }
  assert.equal((await list(alice)).length, 1, "nothing half-written");

  // Someone else's view is not found, and stays.
  const bobs = (await list(bob))[0];
  const other = await call(oneView.DELETE, "DELETE", `/api/v1/me/saved-views/${bobs.id}`, auth(alice), {
    params: { id: bobs.id },
  });
  assert.equal(other.status, 404);
  assert.equal((await list(bob)).length, 1);
  const mine = await call(oneView.DELETE, "DELETE", `/api/v1/me/saved-views/${made.body.id}`, auth(alice), {
    params: { id: String(made.body.id) },
  });
  assert.equal(mine.status, 200);
  assert.deepEqual(await list(alice), []);
});

test("at most 50 views each; a robot's token has no views to keep", async () => {
  const carol = await makeUser();
  await db().savedView.createMany({
    data: Array.from({ length: MAX_SAVED_VIEWS }, (_, i) => ({
      userId: carol.id,
      name: `v${i}`,
      query: `actor=u${i}`,
    })),
  });
  const over = await save(carol, { name: "one more", query: "actor=x" });
  assert.equal(over.status, 409);
  assert.match(over.body.error!.message, /50 saved views at most/);

  const admin = await makeUser({ role: "admin" });
  const robot = await db().serviceAccount.create({ data: { name: `bot-${carol.username}` } });
  const token = await mintToken(admin.caller, { name: "bot", expiresInDays: 1, serviceAccount: robot.name });
  const r = await call(views.GET, "GET", "/api/v1/me/saved-views", { Authorization: bearer(token.token) });
  assert.equal(r.status, 403);
});
