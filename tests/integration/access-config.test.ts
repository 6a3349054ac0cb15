// Access configuration as code: export, apply (dry run, failing, pruning), and the proof that an
// empty instance given the export decides exactly as the original: the same skopeo pushes succeed
// and fail against a real registry of each instance.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as exportRoute from "../../app/api/v1/access-config/route";
import * as applyRoute from "../../app/api/v1/access-config/apply/route";
import { hashPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { updateSettings } from "../../lib/services/settings";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeRegistry, makeTeam, makeUser, systemActor } from "../helpers/factories";
import { basic, call } from "../helpers/http";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";
import { startTokenServer } from "../helpers/token-server";

const SERVICE = "config-registry";
const OTHER = "config-other-registry";
const dbs: TestDb[] = [];
const registries: TestRegistry[] = [];
let tokenServer: { url: string; stop(): Promise<void> };
let image: string;
const people: Record<string, { username: string; password: string }> = {};
let exported = "";

before(async () => {
  dbs.push(await useTestDatabase());
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  tokenServer = await startTokenServer();
  image = await buildTestImage();
  await seed();
  exported = await exportText();
});

/** The original instance's configuration: people, a team, a robot, grants of every kind, a setting. */
async function seed() {
  const admin = await makeUser({ username: "cfg-admin", role: "admin" });
  const alice = await makeUser({ username: "alice" });
  const bob = await makeUser({ username: "bob" });
  const carol = await makeUser({ username: "carol", role: "auditor" });
  Object.assign(people, { admin, alice, bob, carol });
  await db().user.update({ where: { id: bob.id }, data: { email: "bob@example.com", displayName: "Bob B." } });
  const devs = await makeTeam("devs", [alice, bob]);
  await db().serviceAccount.create({ data: { name: "ci-bot", teamId: devs.id, description: "builds" } });
  // Delegation and registry bindings travel too: alice maintains devs, which owns cfg/* here.
  await db().teamMembership.update({
    where: { teamId_userId: { teamId: devs.id, userId: alice.id } },
    data: { role: "maintainer" },
  });
  const here = await db().registry.findUniqueOrThrow({ where: { service: SERVICE } });
  await db().teamNamespace.create({ data: { teamId: devs.id, pattern: "cfg/*", registryId: here.id } });
  await makeRegistry(OTHER);
  await grant({
    subject: { type: "user", name: "carol" },
    repository: "mine/*",
    actions: ["pull", "push"],
    registry: SERVICE,
  });
  await grant({
    subject: { type: "user", name: "carol" },
    repository: "elsewhere/*",
    actions: ["pull", "push"],
    registry: OTHER,
  });
  await grant({ subject: { type: "team", name: "devs" }, repository: "cfg/*", actions: ["pull", "push"] });
  await grant({ subject: { type: "user", name: "alice" }, repository: "cfg/app", actions: ["delete"] });
  await grant({ subject: { type: "service-account", name: "ci-bot" }, repository: "cfg/app", actions: ["pull"] });
  await grant({ subject: { type: "public" }, repository: "pub/*", actions: ["pull"] });
  await grant({
    subject: { type: "user", name: "bob" },
    repository: "temp/*",
    actions: ["pull", "push"],
    expiresAt: new Date(`${nextYear}-03-01T00:00:00Z`),
  });
  await updateSettings(systemActor, { lockoutThreshold: 7 });
}
after(async () => {
  for (const r of registries) await r.stop();
  await tokenServer?.stop();
  for (const d of dbs.reverse()) await d.close().catch(() => {});
});

const nextYear = new Date().getUTCFullYear() + 1;
const adminAuth = () => ({ Authorization: basic(people.admin.username, people.admin.password) });

async function exportText() {
  const res = await exportRoute.GET(new Request("http://console.test/api/v1/access-config", { headers: adminAuth() }), {
    params: Promise.resolve({}),
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/yaml/);
  return res.text();
}

function apply(document: string, opts: { dryRun?: boolean; prune?: boolean } = {}) {
  return call(applyRoute.POST, "POST", "/api/v1/access-config/apply", adminAuth(), {
    body: { document, dryRun: opts.dryRun ?? false, prune: opts.prune ?? false },
  });
}

const summaries = (body: Record<string, unknown>) => (body.changes as { summary: string }[]).map((c) => c.summary);
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** The pushes whose outcome both instances must agree on. */
const PUSHES: [string, string][] = [
  ["alice", "cfg/app"],
  ["bob", "cfg/lib"],
  ["bob", "temp/x"],
  ["bob", "other/x"],
  ["carol", "cfg/app"],
  ["carol", "mine/x"],
  ["carol", "elsewhere/x"],
];

async function pushOutcomes(): Promise<boolean[]> {
  const registry = await startRegistry({
    realm: `${tokenServer.url}/api/registry/token`,
    service: SERVICE,
    issuer: "portcullis",
    bundlePem: await certificateBundle(),
  });
  registries.push(registry);
  const out: boolean[] = [];
  for (const [who, repo] of PUSHES) {
    const p = people[who];
    out.push(
      (await skopeoCopy(image, `docker://${registry.host}/${repo}:v1`, `${p.username}:${p.password}`)).code === 0,
    );
  }
  return out;
}

test("export is canonical YAML without secrets; applying it back changes nothing", async () => {
  assert.match(exported, /^# Portcullis access configuration/);
  assert.match(exported, /- subject: team:devs\n {4}repository: cfg\/\*\n {4}actions:\n {6}- pull\n {6}- push/);
  assert.match(exported, new RegExp(`expiresAt: ${nextYear}-03-01T00:00:00.000Z`));
  assert.match(exported, /lockoutThreshold: 7/);
  assert.match(
    exported,
    /- name: devs\n {4}members:\n {6}- bob\n {4}maintainers:\n {6}- alice\n {4}namespaces:\n {6}- pattern: cfg\/\*\n {8}registry: config-registry/,
  );
  assert.match(
    exported,
    /repository: elsewhere\/\*\n {4}actions:\n {6}- pull\n {6}- push\n {4}registry: config-other-registry/,
  );
  assert.doesNotMatch(exported, /passwordHash|\$argon2|pct_|"id"|createdAt/);
  assert.equal(await exportText(), exported, "the same configuration exports the same bytes");

  const again = await apply(exported);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.deepEqual(summaries(again.body), []);
  assert.equal(again.body.applied, false);
});

test("a dry run shows the exact diff and changes nothing; a failing apply changes nothing, naming the line", async () => {
  const changed = exported
    .replace("lockoutThreshold: 7", "lockoutThreshold: 9")
    .replace("users:\n", "users:\n  - username: dave\n    role: user\n")
    .replace("grants:\n", "grants:\n  - subject: user:dave\n    repository: dave/*\n    actions: [pull, push]\n")
    .replace("    description: builds\n", "    description: builds and ships\n");
  const dry = await apply(changed, { dryRun: true });
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.deepEqual(summaries(dry.body).sort(), [
    "+ grant user:dave dave/* pull,push",
    "+ user dave",
    '~ service account ci-bot: description "builds" → "builds and ships"',
    "~ setting lockoutThreshold: 7 → 9",
  ]);
  assert.equal(dry.body.applied, false);
  assert.equal(await exportText(), exported, "a dry run changes nothing");

  const broken = changed.replace("  - subject: user:dave\n", "  - subject: team:nope\n");
  const refused = await apply(broken);
  assert.equal(refused.status, 422);
  assert.match(
    refused.body.error!.message,
    new RegExp(`line ${lineOf(broken, "subject: team:nope")} \\(grants\\[0\\]\\.subject\\): no team named "nope"`),
  );
  assert.equal(await exportText(), exported, "nothing of the valid changes before it was made");

  const unknown = exported.replace("  - username: alice\n", "  - username: alice\n    colour: red\n");
  const strange = await apply(unknown);
  assert.equal(strange.status, 422);
  assert.match(strange.body.error!.message, new RegExp(`line ${lineOf(unknown, "colour: red")} .*unknown key colour`));
  const yaml = await apply("users: [\n");
  assert.equal(yaml.status, 422);
  assert.match(yaml.body.error!.message, /line \d+/);

  const done = await apply(changed);
  assert.equal(done.status, 200);
  assert.equal(done.body.applied, true);
  assert.match((done.body.notes as string[])[0], /set-password link.*dave/);
  const audit = await db().auditEvent.findMany({ where: { details: { path: ["via"], equals: "config.apply" } } });
  assert.deepEqual(audit.map((e) => e.action).sort(), [
    "grant.create",
    "service_account.update",
    "settings.update",
    "user.create",
  ]);
  assert.equal(
    audit.every((e) => e.actorName === "cfg-admin"),
    true,
  );
  // Back to the exported state, for the comparison with a fresh instance.
  const back = await apply(exported, { prune: true });
  assert.deepEqual(summaries(back.body).sort(), [
    "- grant user:dave dave/* pull,push",
    "- user dave",
    '~ service account ci-bot: description "builds and ships" → "builds"',
    "~ setting lockoutThreshold: 9 → 7",
  ]);
  assert.equal(await exportText(), exported);
});

test("prune refuses a document that would leave references dangling or remove the one applying it", async () => {
  const withoutBob = exported.replace(/ {2}- username: bob\n( {4}.*\n)+/, "");
  const dangling = await apply(withoutBob, { prune: true });
  assert.equal(dangling.status, 422);
  assert.match(dangling.body.error!.message, /members.*no user named "bob"/);
  const withoutMe = exported.replace(/ {2}- username: cfg-admin\n( {4}.*\n)+/, "");
  const self = await apply(withoutMe, { prune: true });
  assert.equal(self.status, 422);
  assert.match(self.body.error!.message, /remove, disable or demote cfg-admin/);
  assert.equal(await exportText(), exported);
});

test("apply into an empty instance reproduces the original: the same export, the same pushes succeed and fail", async () => {
  const original = await pushOutcomes();
  assert.deepEqual(
    original,
    [true, true, true, false, false, true, false],
    "alice and bob push where granted, nowhere else; carol's grants count only at their registry",
  );

  // A second, empty instance: only its administrator exists.
  dbs.push(await useTestDatabase());
  await ensureSigningKey();
  await db().user.create({
    data: { username: "cfg-admin", role: "admin", passwordHash: await hashPassword(people.admin.password) },
  });
  const applied = await apply(exported);
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  assert.equal(applied.body.applied, true);
  assert.equal(await exportText(), exported, "export of a fresh apply is byte-identical");

  // People set their passwords (set-password links), then push exactly as before.
  for (const who of ["alice", "bob", "carol"])
    await db().user.update({
      where: { username: people[who].username },
      data: { passwordHash: await hashPassword(people[who].password) },
    });
  assert.deepEqual(await pushOutcomes(), original);
});
