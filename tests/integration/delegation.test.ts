// Delegated administration, per-registry grants and per-registry signing keys, end to end against two real registries
// (two docker-registry processes with different services, both asking this token server): a
// team's maintainer runs the team's namespace through the API (members, a service account, its
// token, grants, access requests, the audit log) and nothing outside it; a grant bound to one
// registry is honoured there and not on the other.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as grants from "../../app/api/v1/grants/route";
import * as oneGrant from "../../app/api/v1/grants/[id]/route";
import * as team from "../../app/api/v1/teams/[name]/route";
import * as members from "../../app/api/v1/teams/[name]/members/route";
import * as member from "../../app/api/v1/teams/[name]/members/[username]/route";
import * as namespaces from "../../app/api/v1/teams/[name]/namespaces/route";
import * as robots from "../../app/api/v1/service-accounts/route";
import * as robot from "../../app/api/v1/service-accounts/[name]/route";
import * as tokens from "../../app/api/v1/tokens/route";
import * as oneToken from "../../app/api/v1/tokens/[id]/route";
import * as auditEvents from "../../app/api/v1/audit-events/route";
import * as myRequests from "../../app/api/v1/me/access-requests/route";
import * as requests from "../../app/api/v1/access-requests/route";
import * as approve from "../../app/api/v1/access-requests/[id]/approve/route";
import * as signingKeys from "../../app/api/v1/signing-keys/route";
import { db } from "../../lib/db/client";
import { findRegistryByName } from "../../lib/db/registries";
import { buildClaims, signJwt } from "../../lib/registry/jwt";
import { activeSigner, certificateBundle } from "../../lib/token-server/signer";
import { makeRegistry, makeTeam, makeUser, uniqueName } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";
import { registryForFile } from "../helpers/token-server";

const EU = "delegation-eu";
const US = "delegation-us";
let image: string;
let us: TestRegistry;
const ctx = registryForFile(EU, async () => {
  image = await buildTestImage();
  await makeRegistry(US);
  us = await startRegistry({
    realm: `${ctx.url}/api/registry/token`,
    service: US,
    issuer: "portcullis",
    bundlePem: await certificateBundle(),
  });
});
after(() => us?.stop());

type Person = { username: string; password: string };
const as = (p: Person) => ({ Authorization: basic(p.username, p.password) });
const push = (to: TestRegistry, repo: string, creds: string) =>
  skopeoCopy(image, `docker://${to.host}/${repo}:v1`, creds);

/** A team owning `<name>/*` on EU, with a maintainer and a plain member. */
async function payments() {
  const admin = await makeUser({ role: "admin" });
  const maintainer = await makeUser();
  const plain = await makeUser();
  const name = uniqueName("pay");
  await makeTeam(name, []);
  const added = await call(namespaces.POST, "POST", "/", as(admin), {
    params: { name },
    body: { pattern: `${name}/*`, registry: EU },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  for (const [p, role] of [
    [maintainer, "maintainer"],
    [plain, "member"],
  ] as const) {
    const r = await call(members.POST, "POST", "/", as(admin), {
      params: { name },
      body: { username: p.username, role },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  return { admin, maintainer, plain, name };
}

test("a grant bound to one registry is honoured there and denied on the other", async () => {
  const admin = await makeUser({ role: "admin" });
  const dev = await makeUser();
  const repo = `${uniqueName("bound")}/app`;
  const made = await call(grants.POST, "POST", "/", as(admin), {
    body: { subject: { type: "user", name: dev.username }, repository: repo, actions: ["pull", "push"], registry: EU },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.registry, EU);
  const creds = `${dev.username}:${dev.password}`;
  const atEu = await push(ctx.registry, repo, creds);
  assert.equal(atEu.code, 0, atEu.stderr);
  const atUs = await push(us, repo, creds);
  assert.notEqual(atUs.code, 0);
  assert.match(atUs.stderr, /denied|unauthorized/i);

  // The same grant for every registry is not "already covered" by the bound one; the reverse is.
  const everywhere = await call(grants.POST, "POST", "/", as(admin), {
    body: { subject: { type: "user", name: dev.username }, repository: repo, actions: ["pull", "push"] },
  });
  assert.equal(everywhere.status, 201, JSON.stringify(everywhere.body));
  assert.equal((await push(us, repo, creds)).code, 0);
  const again = await call(grants.POST, "POST", "/", as(admin), {
    body: { subject: { type: "user", name: dev.username }, repository: repo, actions: ["pull"], registry: US },
  });
  assert.equal(again.status, 409);

  const unknown = await call(grants.POST, "POST", "/", as(admin), {
    body: { subject: { type: "user", name: dev.username }, repository: repo, actions: ["pull"], registry: "nowhere" },
  });
  assert.equal(unknown.status, 422);
  assert.match(unknown.body.error!.message, /no registry named "nowhere"/);
});

test("a maintainer runs the team's namespace: members, a service account and its token, grants; the robot pushes inside and is denied outside", async () => {
  const { maintainer, plain, name } = await payments();
  const newcomer = await makeUser();

  // Members: added and promoted by the maintainer; the plain member may look but not change.
  const add = await call(members.POST, "POST", "/", as(maintainer), {
    params: { name },
    body: { username: newcomer.username },
  });
  assert.equal(add.status, 201, JSON.stringify(add.body));
  assert.equal(add.body.role, "member");
  const promote = await call(member.PATCH, "PATCH", "/", as(maintainer), {
    params: { name, username: newcomer.username },
    body: { role: "maintainer" },
  });
  assert.equal(promote.status, 200, JSON.stringify(promote.body));
  const looked = await call(team.GET, "GET", "/", as(plain), { params: { name } });
  assert.equal(looked.status, 200);
  assert.equal(looked.body.yourRole, "member");
  assert.deepEqual(
    (looked.body.members as { username: string; role: string }[]).find((m) => m.username === newcomer.username)?.role,
    "maintainer",
  );
  const byMember = await call(member.DELETE, "DELETE", "/", as(plain), {
    params: { name, username: newcomer.username },
  });
  assert.equal(byMember.status, 403);
  assert.match(byMember.body.error!.message, /only the maintainers of/);

  // A service account of the team, its token minted by the maintainer.
  const robotName = uniqueName(`${name}-ci`);
  const made = await call(robots.POST, "POST", "/", as(maintainer), { body: { name: robotName, team: name } });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const global = await call(robots.POST, "POST", "/", as(maintainer), { body: { name: uniqueName("global") } });
  assert.equal(global.status, 403);
  const minted = await call(tokens.POST, "POST", "/", as(maintainer), {
    body: { name: "ci", serviceAccount: robotName, expiresInDays: 1 },
  });
  assert.equal(minted.status, 201, JSON.stringify(minted.body));
  const robotCreds = `${robotName}:${minted.body.token as string}`;

  // Grants inside the namespace, on its registry: allowed; anything reaching beyond: 403 with the reason.
  const inside = await call(grants.POST, "POST", "/", as(maintainer), {
    body: {
      subject: { type: "service-account", name: robotName },
      repository: `${name}/api`,
      actions: ["pull", "push"],
      registry: EU,
    },
  });
  assert.equal(inside.status, 201, JSON.stringify(inside.body));
  for (const [repository, registry, why] of [
    [`${name}*`, EU, /reaches beyond the namespaces/],
    ["*", EU, /reaches beyond/],
    [`${name}/api`, undefined, /on every registry reaches beyond/],
    [`${name}/api`, US, /reaches beyond/],
    [`other-${name}/api`, EU, /reaches beyond/],
  ] as const) {
    const r = await call(grants.POST, "POST", "/", as(maintainer), {
      body: { subject: { type: "user", name: newcomer.username }, repository, actions: ["pull"], registry },
    });
    assert.equal(r.status, 403, `${repository} ${registry}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.error!.message, why);
  }
  const publicly = await call(grants.POST, "POST", "/", as(maintainer), {
    body: { subject: { type: "public" }, repository: `${name}/api`, actions: ["pull"], registry: EU },
  });
  assert.equal(publicly.status, 403);
  const byPlain = await call(grants.POST, "POST", "/", as(plain), {
    body: {
      subject: { type: "user", name: plain.username },
      repository: `${name}/api`,
      actions: ["push"],
      registry: EU,
    },
  });
  assert.equal(byPlain.status, 403);

  const ok = await push(ctx.registry, `${name}/api`, robotCreds);
  assert.equal(ok.code, 0, ok.stderr);
  const outside = await push(ctx.registry, `other-${name}/api`, robotCreds);
  assert.notEqual(outside.code, 0);
  assert.match(outside.stderr, /denied|unauthorized/i);
  const otherRegistry = await push(us, `${name}/api`, robotCreds);
  assert.notEqual(otherRegistry.code, 0);

  // What the maintainer sees: grants and audit events of the namespace only.
  const seen = await call(grants.GET, "GET", "/api/v1/grants", as(maintainer));
  assert.equal(seen.status, 200);
  const repos = (seen.body.grants as { repository: string }[]).map((g) => g.repository);
  assert.ok(repos.length > 0 && repos.every((r) => r.startsWith(`${name}/`)), repos.join());
  const events = await call(auditEvents.GET, "GET", "/api/v1/audit-events?limit=200", as(maintainer));
  assert.equal(events.status, 200, JSON.stringify(events.body));
  const evs = events.body.events as { repository: string | null; action: string }[];
  assert.ok(evs.some((e) => e.action === "token.issue" && e.repository === `${name}/api`));
  assert.ok(
    evs.every((e) => e.repository?.startsWith(`${name}/`)),
    JSON.stringify(evs.map((e) => e.repository)),
  );
  const plainEvents = await call(auditEvents.GET, "GET", "/api/v1/audit-events", as(plain));
  assert.equal((plainEvents.body.events as unknown[]).length, 0, "members do not read the log");

  // Revoking the robot's token stops it at once.
  const revoked = await call(oneToken.DELETE, "DELETE", "/", as(maintainer), {
    params: { id: minted.body.id as string },
  });
  assert.equal(revoked.status, 200);
  assert.notEqual((await push(ctx.registry, `${name}/api`, robotCreds)).code, 0);
});

test("someone else's team, service accounts, grants and requests answer 404 to a maintainer", async () => {
  const mine = await payments();
  const theirs = await payments();
  const theirRobot = uniqueName(`${theirs.name}-bot`);
  assert.equal(
    (await call(robots.POST, "POST", "/", as(theirs.maintainer), { body: { name: theirRobot, team: theirs.name } }))
      .status,
    201,
  );
  const theirGrant = await call(grants.POST, "POST", "/", as(theirs.maintainer), {
    body: {
      subject: { type: "team", name: theirs.name },
      repository: `${theirs.name}/*`,
      actions: ["pull"],
      registry: EU,
    },
  });
  assert.equal(theirGrant.status, 201, JSON.stringify(theirGrant.body));
  const me = as(mine.maintainer);
  const cases = [
    await call(team.GET, "GET", "/", me, { params: { name: theirs.name } }),
    await call(members.POST, "POST", "/", me, {
      params: { name: theirs.name },
      body: { username: mine.plain.username },
    }),
    await call(member.DELETE, "DELETE", "/", me, { params: { name: theirs.name, username: theirs.plain.username } }),
    await call(robot.GET, "GET", "/", me, { params: { name: theirRobot } }),
    await call(robot.DELETE, "DELETE", "/", me, { params: { name: theirRobot } }),
    await call(oneGrant.GET, "GET", "/", me, { params: { id: theirGrant.body.id as string } }),
    await call(oneGrant.DELETE, "DELETE", "/", me, { params: { id: theirGrant.body.id as string } }),
    await call(tokens.POST, "POST", "/", me, { body: { name: "x", serviceAccount: theirRobot, expiresInDays: 1 } }),
  ];
  for (const r of cases) assert.equal(r.status, 404, JSON.stringify(r.body));
  const listed = await call(robots.GET, "GET", "/api/v1/service-accounts", me);
  assert.ok(!(listed.body.serviceAccounts as { name: string }[]).some((s) => s.name === theirRobot));
  // A maintainer may be a member elsewhere: still only a viewer there.
  assert.equal(
    (await call(team.GET, "GET", "/", as(theirs.plain), { params: { name: theirs.name } })).body.yourRole,
    "member",
  );
});

test("a maintainer answers access requests for the namespace (binding the grant to their registry), not others", async () => {
  const { maintainer, name } = await payments();
  const asker = await makeUser();
  const ask = async (repository: string) => {
    const r = await call(myRequests.POST, "POST", "/api/v1/me/access-requests", as(asker), {
      body: { repository, actions: ["pull", "push"], reason: "I deploy it" },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const mineId = await ask(`${name}/web`);
  const otherId = await ask(`${uniqueName("elsewhere")}/web`);
  const listed = await call(requests.GET, "GET", "/api/v1/access-requests", as(maintainer));
  const ids = (listed.body.requests as { id: string }[]).map((r) => r.id);
  assert.ok(ids.includes(mineId) && !ids.includes(otherId));

  const unbound = await call(approve.POST, "POST", "/", as(maintainer), { params: { id: mineId }, body: {} });
  assert.equal(unbound.status, 403, "the namespace is on one registry: an approval for every registry reaches beyond");
  const approved = await call(approve.POST, "POST", "/", as(maintainer), {
    params: { id: mineId },
    body: { registry: EU, actions: ["pull"] },
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(
    (await call(approve.POST, "POST", "/", as(maintainer), { params: { id: otherId }, body: { registry: EU } })).status,
    404,
  );
  const pulled = await push(ctx.registry, `${name}/web`, `${asker.username}:${asker.password}`);
  assert.notEqual(pulled.code, 0, "pull only: the push is still denied");
});

test("namespaces: only admins give them, never '*', never overlapping another team's", async () => {
  const { admin, maintainer, name } = await payments();
  const other = uniqueName("other");
  await makeTeam(other, []);
  const give = (who: Person, team: string, pattern: string, registry?: string) =>
    call(namespaces.POST, "POST", "/", as(who), { params: { name: team }, body: { pattern, registry } });
  assert.equal((await give(maintainer, name, `${name}-more/*`)).status, 403, "maintainers cannot widen their own team");
  const overlap = await give(admin, other, `${name}/sub/*`, EU);
  assert.equal(overlap.status, 409);
  assert.match(overlap.body.error!.message, new RegExp(`owned by team ${name}`));
  assert.equal((await give(admin, other, `${name}/sub/*`, US)).status, 201, "the same names on another registry");
  assert.equal((await give(admin, other, "*")).status, 422);
});

test("a registry with its own signing key: its bundle trusts only its keys, and the other registry's bundle not them", async () => {
  // A registry of this test's own: the others keep the shared key whatever order tests run in.
  const OWN = uniqueName("delegation-own");
  await makeRegistry(OWN);
  const admin = await makeUser({ role: "admin" });
  const rotate = async (step: "prepare" | "activate") => {
    const r = await call(signingKeys.POST, "POST", "/", as(admin), { body: { step, registry: OWN } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.registry, OWN);
    return r.body.kid as string;
  };
  const pending = await rotate("prepare");
  const ownRegistry = (await findRegistryByName(OWN))!;
  assert.match(await certificateBundle(ownRegistry), /BEGIN CERTIFICATE[\s\S]*BEGIN CERTIFICATE/, "own + shared");
  assert.equal(await rotate("activate"), pending);
  // While tokens signed by the shared key for this registry may still be live, its bundle keeps trusting it.
  assert.equal((await certificateBundle(ownRegistry)).match(/BEGIN CERTIFICATE/g)?.length, 2);
  // A token lifetime (and the margin) later, only its own key: move the activation back instead of waiting.
  await db().signingKey.updateMany({
    where: { kid: pending },
    data: { activatedAt: new Date(Date.now() - 3 * 3_600_000) },
  });
  const ownBundle = await certificateBundle(ownRegistry);
  assert.equal(ownBundle.match(/BEGIN CERTIFICATE/g)?.length, 1);
  assert.equal(ownBundle.includes((await certificateBundle(null)).trim()), false);

  const ownRegistryProcess = await startRegistry({
    realm: `${ctx.url}/api/registry/token`,
    service: OWN,
    issuer: "portcullis",
    bundlePem: ownBundle,
  });
  try {
    const access = [{ type: "repository", name: "keys/app", actions: ["pull"] }];
    const claims = (service: string) =>
      buildClaims({ issuer: "portcullis", subject: admin.username, service, access, ttlSeconds: 300 });
    const status = async (r: TestRegistry, jwt: string) =>
      (await fetch(`${r.url}/v2/keys/app/tags/list`, { headers: { Authorization: `Bearer ${jwt}` } })).status;
    const ownSigner = await activeSigner(OWN);
    const shared = await activeSigner(EU);
    assert.equal(ownSigner.kid, pending, "the token endpoint signs for it with its own key");
    assert.notEqual(shared.kid, pending, "and for EU with the shared key");
    assert.notEqual(
      await status(ownRegistryProcess, signJwt(claims(OWN), ownSigner)),
      401,
      "control: its own key verifies",
    );
    assert.equal(
      await status(ownRegistryProcess, signJwt(claims(OWN), shared)),
      401,
      "the shared key does not, even for it",
    );
    assert.equal(await status(ctx.registry, signJwt(claims(EU), ownSigner)), 401, "EU does not trust its key");
    // End to end: the token endpoint's tokens for it verify at the registry holding only its bundle.
    const dev = await makeUser();
    await call(grants.POST, "POST", "/", as(admin), {
      body: {
        subject: { type: "user", name: dev.username },
        repository: "keys/*",
        actions: ["pull", "push"],
        registry: OWN,
      },
    });
    const pushed = await push(ownRegistryProcess, "keys/app", `${dev.username}:${dev.password}`);
    assert.equal(pushed.code, 0, pushed.stderr);
  } finally {
    await ownRegistryProcess.stop();
  }
});
