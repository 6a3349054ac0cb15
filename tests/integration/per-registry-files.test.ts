// The files generated for a registry, per registry: a policy file holds what that registry
// enforces (grants for every registry and those bound to it); importing one for a registry binds
// what it adds and cannot drop what applies everywhere; the htpasswd "registry" selection lists
// only the accounts that may use it; a registry that grants are bound to cannot be deleted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as registryRoute from "../../app/api/v1/registries/[name]/route";
import * as grantsRoute from "../../app/api/v1/grants/route";
import * as certs from "../../app/api/registry/certs.pem/route";
import { db } from "../../lib/db/client";
import { generateHtpasswd } from "../../lib/services/htpasswd";
import { exportPolicy, importPolicy } from "../../lib/services/policies";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeRegistry, makeTeam, makeUser, systemActor, uniqueName } from "../helpers/factories";
import { basic, call } from "../helpers/http";

let tdb: TestDb;
const EU = "files-eu";
const US = "files-us";
const actor = { ...systemActor, actorId: null };

before(async () => {
  tdb = await useTestDatabase();
  await makeRegistry(EU);
  await makeRegistry(US);
});
after(() => tdb?.close());

test("a policy file per registry: exported with its bound grants, imported as grants bound to it", async () => {
  const ann = await makeUser();
  const ns = uniqueName("pr");
  await grant({ subject: { type: "user", name: ann.username }, repository: `${ns}/all`, actions: ["pull"] });
  await grant({
    subject: { type: "user", name: ann.username },
    repository: `${ns}/eu`,
    actions: ["push"],
    registry: EU,
  });
  await grant({
    subject: { type: "user", name: ann.username },
    repository: `${ns}/us`,
    actions: ["push"],
    registry: US,
  });

  const names = (content: string) => [...content.matchAll(new RegExp(`name: (${ns}/\\w+)`, "g"))].map((m) => m[1]);
  assert.deepEqual(names((await exportPolicy("docker-auth", EU)).content), [`${ns}/all`, `${ns}/eu`]);
  assert.deepEqual(names((await exportPolicy("docker-auth", US)).content), [`${ns}/all`, `${ns}/us`]);
  assert.deepEqual(
    names((await exportPolicy("docker-auth")).content),
    [`${ns}/all`],
    "without a registry: every registry's only",
  );

  // The EU file round-trips unchanged; adding a line binds the new grant to EU.
  const euFile = (await exportPolicy("docker-auth", EU)).content;
  const same = await importPolicy(actor, "docker-auth", euFile, true, EU);
  assert.equal(same.applied, false);
  const added = euFile.replace(
    "acl:\n",
    `acl:\n  - match:\n      account: ${ann.username}\n      type: repository\n      name: ${ns}/new\n    actions:\n      - pull\n`,
  );
  const applied = await importPolicy(actor, "docker-auth", added, true, EU);
  assert.equal(applied.applied, true);
  const made = await db().grant.findFirstOrThrow({ where: { repository: `${ns}/new` }, include: { registry: true } });
  assert.equal(made.registry?.name, EU);
  assert.equal(await db().grant.count({ where: { repository: `${ns}/us` } }), 1, "US's bound grant untouched");
  assert.equal(await db().grant.count({ where: { repository: `${ns}/all`, registryId: null } }), 1);

  // Dropping a grant for every registry from one registry's file is refused, naming it.
  const dropped = euFile.replace(
    new RegExp(
      `  - match:\\n      account: ${ann.username}\\n      type: repository\\n      name: ${ns}/all\\n    actions:\\n      - pull\\n`,
    ),
    "",
  );
  assert.notEqual(dropped, euFile);
  await assert.rejects(
    importPolicy(actor, "docker-auth", dropped, true, EU),
    new RegExp(`account:${ann.username} ${ns}/all \\(pull\\) applies to every registry`),
  );
});

test("htpasswd for a registry: admins and the accounts a grant there reaches, no one else", async () => {
  const admin = await makeUser({ role: "admin" });
  const euUser = await makeUser();
  const usUser = await makeUser();
  const teamMate = await makeUser();
  const team = await makeTeam(uniqueName("ht"), [teamMate]);
  await grant({
    subject: { type: "user", name: euUser.username },
    repository: "ht/a",
    actions: ["pull"],
    registry: EU,
  });
  await grant({
    subject: { type: "user", name: usUser.username },
    repository: "ht/b",
    actions: ["pull"],
    registry: US,
  });
  await grant({ subject: { type: "team", name: team.name }, repository: "ht/c", actions: ["pull"] });
  const out = await generateHtpasswd(actor, {
    accounts: { type: "registry", name: EU },
    credential: "generated",
    tokenDays: 90,
    write: false,
  });
  const accounts = out.credentials.map((c) => c.account);
  for (const who of [admin, euUser, teamMate]) assert.ok(accounts.includes(who.username), who.username);
  assert.ok(!accounts.includes(usUser.username), "a grant bound to US does not reach EU");
});

test("a registry that grants are bound to cannot be deleted; its bundle is served by name", async () => {
  const admin = await makeUser({ role: "admin" });
  const name = uniqueName("doomed");
  await makeRegistry(name);
  const made = await call(
    grantsRoute.POST,
    "POST",
    "/",
    { Authorization: basic(admin.username, admin.password) },
    {
      body: { subject: { type: "user", name: admin.username }, repository: "d/*", actions: ["pull"], registry: name },
    },
  );
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const del = () =>
    call(
      registryRoute.DELETE,
      "DELETE",
      "/",
      { Authorization: basic(admin.username, admin.password) },
      {
        params: { name },
      },
    );
  const refused = await del();
  assert.equal(refused.status, 409);
  assert.match(refused.body.error!.message, new RegExp(`1 grant applies to ${name} only: revoke it`));
  await db().grant.delete({ where: { id: made.body.id as string } });
  assert.equal((await del()).status, 200);

  const bundle = await certs.GET(new Request(`http://console.test/api/registry/certs.pem?registry=${EU}`));
  assert.equal(bundle.status, 200);
  const missing = await certs.GET(new Request("http://console.test/api/registry/certs.pem?registry=nowhere"));
  assert.equal(missing.status, 404);
});
