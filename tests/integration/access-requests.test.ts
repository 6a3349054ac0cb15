// Access requests and expiring grants, end to end: a real registry and skopeo refuse, the person
// asks through the API, an admin answers, and the very next push succeeds (or still fails); grants
// that expire stop counting at their expiry and their lapse is recorded.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as mine from "../../app/api/v1/me/access-requests/route";
import * as myOne from "../../app/api/v1/me/access-requests/[id]/route";
import * as all from "../../app/api/v1/access-requests/route";
import * as approve from "../../app/api/v1/access-requests/[id]/approve/route";
import * as deny from "../../app/api/v1/access-requests/[id]/deny/route";
import * as grants from "../../app/api/v1/grants/route";
import { db } from "../../lib/db/client";
import { applyLapses } from "../../lib/services/lapses";
import { myRefusals } from "../../lib/services/my-access";
import { updateSettings } from "../../lib/services/settings";
import { mintToken, revokeToken } from "../../lib/services/tokens";
import { grant, makeToken, makeUser, systemActor, uniqueName } from "../helpers/factories";
import { basic, bearer, call } from "../helpers/http";
import { buildTestImage, skopeoCopy } from "../helpers/registry";
import { registryForFile } from "../helpers/token-server";

const SERVICE = "requests-registry";
let image: string;
const ctx = registryForFile(SERVICE, async () => {
  image = await buildTestImage();
});

const nextYear = new Date().getUTCFullYear() + 1;
const ref = (repo: string, tag = "v1") => `docker://${ctx.registry.host}/${repo}:${tag}`;
const as = (u: { username: string; password: string }) => ({ Authorization: basic(u.username, u.password) });
const push = (u: { username: string; password: string }, repo: string) =>
  skopeoCopy(image, ref(repo), `${u.username}:${u.password}`);

type View = {
  id: string;
  status: string;
  repository: string;
  actions: string[];
  note: string | null;
  granted: { grant: string; repository: string; actions: string[]; expiresAt: string | null } | null;
};

async function ask(u: { username: string; password: string }, body: unknown) {
  return call(mine.POST, "POST", "/api/v1/me/access-requests", as(u), { body });
}

test("request → approve (narrowed) → the same push now succeeds; the grant and the answer are one audited step", async () => {
  const admin = await makeUser({ role: "admin" });
  const alice = await makeUser();
  const ns = uniqueName("req");

  const before = await push(alice, `${ns}/app`);
  assert.notEqual(before.code, 0);
  assert.match(before.stderr, /denied|unauthorized/i);

  const created = await ask(alice, { repository: `${ns}/*`, actions: ["push", "pull"], reason: "I deploy it" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const r = created.body as unknown as View;
  assert.equal(created.headers.get("location"), `/api/v1/me/access-requests/${r.id}`);
  assert.equal(r.status, "pending");
  assert.deepEqual(r.actions, ["pull", "push"]);

  // Asking again for the same, or for part of it, is refused with the reason.
  const again = await ask(alice, { repository: `${ns}/app`, actions: ["push"], reason: "once more" });
  assert.equal(again.status, 409);
  assert.match(again.body.error!.message, /already asked for pull, push on .*still waiting/);

  // The admin sees it pending and approves a narrower grant: one repository instead of the pattern.
  const pending = await call(all.GET, "GET", "/api/v1/access-requests?status=pending", as(admin));
  assert.ok((pending.body.requests as View[]).some((x) => x.id === r.id));
  const wide = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: { repository: "*" },
  });
  assert.equal(wide.status, 409);
  assert.match(wide.body.error!.message, /narrow the request, not widen it/);
  const ok = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: { repository: `${ns}/app`, note: "app only for now" },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const done = ok.body as unknown as View;
  assert.equal(done.status, "approved");
  assert.deepEqual(done.granted && { ...done.granted, grant: typeof done.granted.grant }, {
    grant: "string",
    repository: `${ns}/app`,
    actions: ["pull", "push"],
    expiresAt: null,
  });

  const events = await db().auditEvent.findMany({
    where: { repository: { in: [`${ns}/app`, `${ns}/*`] }, action: { startsWith: "access_request" } },
    orderBy: { id: "asc" },
  });
  assert.deepEqual(
    events.map((e) => [e.action, e.actorName]),
    [
      ["access_request.create", alice.username],
      ["access_request.approve", admin.username],
    ],
  );
  const grantEvent = await db().auditEvent.findFirstOrThrow({
    where: { action: "grant.create", repository: `${ns}/app` },
  });
  assert.equal(grantEvent.id, events[1].id - 1n, "the grant and the approval are written together");
  assert.equal((grantEvent.details as { accessRequest: string }).accessRequest, r.id);

  const after = await push(alice, `${ns}/app`);
  assert.equal(after.code, 0, after.stderr);

  // Now it is satisfied: asking again names the grant; answering again names who already did.
  const have = await ask(alice, { repository: `${ns}/app`, actions: ["pull"], reason: "again" });
  assert.equal(have.status, 409);
  assert.match(have.body.error!.message, /already have pull \(through the user grant on .*\/app\)/);
  const twice = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: {},
  });
  assert.equal(twice.status, 409);
  assert.match(twice.body.error!.message, new RegExp(`already approved by ${admin.username}`));
});

test("deny with a note: the requester reads it; nobody else sees the request; people cannot answer", async () => {
  const admin = await makeUser({ role: "admin" });
  const bob = await makeUser();
  const carol = await makeUser();
  const repo = `${uniqueName("deny")}/app`;
  const r = (await ask(bob, { repository: repo, actions: ["delete"], reason: "cleanup" })).body as unknown as View;

  for (const who of [bob, carol]) {
    const tryApprove = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(who), {
      params: { id: r.id },
      body: {},
    });
    // Not an admin, and no team of theirs owns the repository: the request does not exist for them.
    assert.equal(tryApprove.status, 404);
    const listed = await call(all.GET, "GET", "/api/v1/access-requests", as(who));
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.requests, []);
  }
  const other = await call(myOne.GET, "GET", `/api/v1/me/access-requests/${r.id}`, as(carol), { params: { id: r.id } });
  assert.equal(other.status, 404, "someone else's request is not found");
  const otherWithdraw = await call(myOne.DELETE, "DELETE", `/api/v1/me/access-requests/${r.id}`, as(carol), {
    params: { id: r.id },
  });
  assert.equal(otherWithdraw.status, 404);

  const noNote = await call(deny.POST, "POST", `/api/v1/access-requests/${r.id}/deny`, as(admin), {
    params: { id: r.id },
    body: { note: "" },
  });
  assert.ok(noNote.status === 400 || noNote.status === 422, String(noNote.status));
  assert.match(noNote.body.error!.message, /tell the requester why/);
  const denied = await call(deny.POST, "POST", `/api/v1/access-requests/${r.id}/deny`, as(admin), {
    params: { id: r.id },
    body: { note: "deletes go through the platform team" },
  });
  assert.equal(denied.status, 200);

  const mineNow = await call(mine.GET, "GET", "/api/v1/me/access-requests", as(bob));
  const seen = (mineNow.body.requests as View[]).find((x) => x.id === r.id)!;
  assert.equal(seen.status, "denied");
  assert.equal(seen.note, "deletes go through the platform team");
  assert.equal(
    ((await call(mine.GET, "GET", "/api/v1/me/access-requests", as(carol))).body.requests as View[]).length,
    0,
  );

  const withdrawLate = await call(myOne.DELETE, "DELETE", `/api/v1/me/access-requests/${r.id}`, as(bob), {
    params: { id: r.id },
  });
  assert.equal(withdrawLate.status, 409);
  assert.match(withdrawLate.body.error!.message, /already denied by/);
  assert.equal(await db().grant.count({ where: { repository: repo } }), 0, "a denial grants nothing");

  // Withdrawing a pending one works, once.
  const w = (await ask(bob, { repository: repo, actions: ["pull"], reason: "read it" })).body as unknown as View;
  const gone = await call(myOne.DELETE, "DELETE", `/api/v1/me/access-requests/${w.id}`, as(bob), {
    params: { id: w.id },
  });
  assert.equal((gone.body as unknown as View).status, "withdrawn");
});

test("unanswered requests lapse: read as expired at once, recorded once by the sweep, and cannot be approved", async () => {
  const admin = await makeUser({ role: "admin" });
  const dan = await makeUser();
  const repo = `${uniqueName("lapse")}/app`;
  const r = (await ask(dan, { repository: repo, actions: ["pull"], reason: "please" })).body as unknown as View;
  await db().accessRequest.update({ where: { id: r.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

  const one = await call(myOne.GET, "GET", `/api/v1/me/access-requests/${r.id}`, as(dan), { params: { id: r.id } });
  assert.equal((one.body as unknown as View).status, "expired");
  const pending = await call(all.GET, "GET", "/api/v1/access-requests?status=pending&limit=200", as(admin));
  assert.ok(!(pending.body.requests as View[]).some((x) => x.id === r.id));
  const late = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: {},
  });
  assert.equal(late.status, 409);
  assert.match(late.body.error!.message, /expired on .* without an answer/);

  await applyLapses();
  await applyLapses();
  assert.equal((await db().accessRequest.findUniqueOrThrow({ where: { id: r.id } })).status, "expired");
  assert.equal(await db().auditEvent.count({ where: { action: "access_request.expire", repository: repo } }), 1);
  // A new request for the same is no longer a duplicate.
  assert.equal((await ask(dan, { repository: repo, actions: ["pull"], reason: "again please" })).status, 201);
});

test("an expiring grant works until its time, stops counting at it (before any sweep), and its lapse is recorded", async () => {
  const admin = await makeUser({ role: "admin" });
  const erin = await makeUser();
  const repo = `${uniqueName("until")}/app`;
  const made = await call(grants.POST, "POST", "/api/v1/grants", as(admin), {
    body: {
      subject: { type: "user", name: erin.username },
      repository: repo,
      actions: ["pull", "push"],
      expiresAt: `${nextYear}-12-31`,
    },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.expiresAt, `${nextYear + 1}-01-01T00:00:00.000Z`, "a date means through that whole day (UTC)");
  const past = await call(grants.POST, "POST", "/api/v1/grants", as(admin), {
    body: {
      subject: { type: "user", name: erin.username },
      repository: repo,
      actions: ["delete"],
      expiresAt: "2001-01-01",
    },
  });
  assert.equal(past.status, 422);
  assert.match(past.body.error!.message, /must be in the future/);
  // A grant that lasts longer is not "already covered" by one that ends sooner.
  const forever = await call(grants.POST, "POST", "/api/v1/grants", as(admin), {
    body: { subject: { type: "user", name: erin.username }, repository: repo, actions: ["pull"] },
  });
  assert.equal(forever.status, 201, JSON.stringify(forever.body));

  assert.equal((await push(erin, repo)).code, 0);
  await db().grant.update({ where: { id: made.body.id as string }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const refused = await push(erin, repo);
  assert.notEqual(refused.code, 0, "the token endpoint stops honouring it at its expiry, sweep or not");
  assert.match(refused.stderr, /denied/);

  const swept = await applyLapses();
  assert.ok(swept.grants >= 1);
  assert.equal(await db().grant.count({ where: { id: made.body.id as string } }), 0);
  const lapse = await db().auditEvent.findFirstOrThrow({ where: { action: "grant.expire", repository: repo } });
  assert.equal(lapse.actorKind, "system");
  assert.deepEqual((lapse.details as { before: { actions: string[] } }).before.actions, ["pull", "push"]);
  assert.equal(await db().grant.count({ where: { id: forever.body.id as string } }), 1, "the lasting grant stays");
});

test("an approval with an end date makes an expiring grant", async () => {
  const admin = await makeUser({ role: "admin" });
  const fay = await makeUser();
  const repo = `${uniqueName("temp")}/app`;
  const r = (await ask(fay, { repository: repo, actions: ["push"], reason: "hotfix" })).body as unknown as View;
  const ok = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: { expiresAt: `${nextYear}-06-30T12:00:00+02:00` },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((ok.body as unknown as View).granted!.expiresAt, `${nextYear}-06-30T10:00:00.000Z`);
  const g = await db().grant.findFirstOrThrow({ where: { repository: repo } });
  assert.equal(g.expiresAt?.toISOString(), `${nextYear}-06-30T10:00:00.000Z`);
});

test("service accounts cannot request; disabled requesters cannot be approved", async () => {
  const admin = await makeUser({ role: "admin" });
  const gus = await makeUser();
  const r = (await ask(gus, { repository: `${uniqueName("dis")}/app`, actions: ["pull"], reason: "x y z" }))
    .body as unknown as View;
  await db().user.update({ where: { id: gus.id }, data: { disabled: true } });
  const res = await call(approve.POST, "POST", `/api/v1/access-requests/${r.id}/approve`, as(admin), {
    params: { id: r.id },
    body: {},
  });
  assert.equal(res.status, 409);
  assert.match(res.body.error!.message, /account is disabled/);

  const robot = await db().serviceAccount.create({ data: { name: uniqueName("robot") } });
  const { token } = await mintToken(admin.caller, { name: "ci", expiresInDays: 1, serviceAccount: robot.name });
  const byRobot = await call(
    mine.POST,
    "POST",
    "/api/v1/me/access-requests",
    { Authorization: bearer(token) },
    {
      body: { repository: "robots/app", actions: ["pull"], reason: "let me in" },
    },
  );
  assert.equal(byRobot.status, 403);
  assert.equal(await db().accessRequest.count({ where: { repository: "robots/app" } }), 0);
});

test("each refusal, produced for real by skopeo against the registry, is explained to its owner and to nobody else", async () => {
  await updateSettings(systemActor, { lockoutThreshold: 3 });
  const ns = uniqueName("why");
  const hal = await makeUser();
  const ida = await makeUser();
  await grant({ subject: { type: "user", name: hal.username }, repository: `${ns}/*`, actions: ["pull"] });
  const scoped = await makeToken(hal.caller, { scopes: [{ repository: `${ns}/other`, actions: ["pull"] }] });
  const revoked = await makeToken(hal.caller);
  const expired = await makeToken(hal.caller);
  await revokeToken(hal.caller, revoked.id);
  await db().accessToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

  const attempts: [string, string][] = [
    [hal.password, "no grant: pull is granted, push is not"],
    [scoped.token, "the token's scope"],
    [revoked.token, "a revoked token"],
    [expired.token, "an expired token"],
    ["wrong-1", "a wrong password"],
    ["wrong-2", "a wrong password"],
    ["wrong-3", "a wrong password"],
    [hal.password, "locked out, even with the right password"],
  ];
  for (const [secret, what] of attempts) {
    const r = await skopeoCopy(image, ref(`${ns}/app`), `${hal.username}:${secret}`);
    assert.notEqual(r.code, 0, `${what} must fail`);
  }
  await db().user.update({ where: { id: ida.id }, data: { disabled: true } });
  assert.notEqual((await skopeoCopy(image, ref(`${ns}/app`), `${ida.username}:${ida.password}`)).code, 0);

  const summaries = (await myRefusals(hal.caller, 50)).refusals.flatMap((r) => r.explanations.map((e) => e.summary));
  for (const expected of [
    new RegExp(`You may not push to ${ns}/app: no grant of yours`),
    new RegExp(`token used may not pull from ${ns}/app: its scopes are narrower`),
    /token was revoked/,
    /token had expired/,
    /password was wrong/,
    /locked out/,
  ])
    assert.ok(
      summaries.some((s) => expected.test(s)),
      `${expected} among:\n${summaries.join("\n")}`,
    );
  const offer = (await myRefusals(hal.caller, 50)).refusals.flatMap((r) => r.explanations).find((e) => e.request);
  assert.deepEqual(offer?.request, { repository: `${ns}/app`, actions: ["push"] });

  const idas = (await myRefusals(ida.caller, 50)).refusals.flatMap((r) => r.explanations.map((e) => e.summary));
  assert.ok(
    idas.some((s) => /account is disabled/.test(s)),
    idas.join("\n"),
  );
  assert.ok(!idas.some((s) => s.includes(ns) || /token|locked/.test(s)), "nothing of hal's reaches ida");
  const bystander = await makeUser();
  assert.equal((await myRefusals(bystander.caller, 50)).refusals.length, 0);
});
