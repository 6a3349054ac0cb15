// Directory accounts against a real OpenLDAP (slapd): the same directory password at the token
// endpoint (docker login, skopeo) and the console, accounts made just in time with the role their
// groups give, teams whose members are a directory group's, removal from a group taking effect,
// injection attempts, a local account never taken over, a wrong bind password and a stopped
// directory (local and token credentials keep working; directory sign-ins get a clear error).
import { FULL_STEWARDSHIP } from "../../lib/auth/delegation";
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { authenticate } from "../../lib/auth/credentials";
import { checkDirectory } from "../../lib/auth/directory/check";
import { verifyDirectoryPassword } from "../../lib/auth/directory/ldap";
import { checkDirectoryConnection } from "../../lib/services/directory";
import { env } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { changeTeam, setMembership } from "../../lib/services/teams";
import { updateUserAccount } from "../../lib/services/users";
import { grant, makeTeam, makeToken, makeUser, systemActor } from "../helpers/factories";
import { basic } from "../helpers/http";
import { LDAP_ADMIN, LDAP_SUFFIX, startSlapd } from "../helpers/ldap";
import { freePort } from "../helpers/processes";
import { buildTestImage, makeServerCertificate, skopeoCopy } from "../helpers/registry";
import { registryForFile } from "../helpers/token-server";

const port = await freePort();
const GROUPS = `ou=groups,${LDAP_SUFFIX}`;
const PEOPLE = `ou=people,${LDAP_SUFFIX}`;
// Read once by lib/config/env.ts, at the first use (after this runs). The cache window is 0 here so
// each request asks the directory; with the default 60 s a change is seen within that window.
Object.assign(process.env, {
  PORTCULLIS_LDAP_URL: `ldap://127.0.0.1:${port}`,
  PORTCULLIS_LDAP_BIND_DN: LDAP_ADMIN.dn,
  PORTCULLIS_LDAP_BIND_PASSWORD: LDAP_ADMIN.password,
  PORTCULLIS_LDAP_USER_BASE: PEOPLE,
  PORTCULLIS_LDAP_GROUP_BASE: GROUPS,
  PORTCULLIS_LDAP_ADMIN_GROUPS: `cn=portcullis-admins,${GROUPS}`,
  PORTCULLIS_LDAP_AUDITOR_GROUPS: `cn=auditors,${GROUPS}`,
  PORTCULLIS_LDAP_TIMEOUT_MS: "1500",
  PORTCULLIS_CREDENTIAL_CACHE_SECONDS: "0",
});

const person = (uid: string, password: string) => `dn: uid=${uid},${PEOPLE}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${uid[0].toUpperCase()}${uid.slice(1)} Example
sn: Example
mail: ${uid}@example.org
userPassword: ${password}
`;
// groupOfNames needs a member: a placeholder keeps a group valid when its last person leaves.
const group = (cn: string, members: string[]) =>
  `dn: cn=${cn},${GROUPS}\nobjectClass: groupOfNames\ncn: ${cn}\nmember: cn=placeholder,${LDAP_SUFFIX}\n${members.map((m) => `member: uid=${m},${PEOPLE}`).join("\n")}\n`;

let slapd: Awaited<ReturnType<typeof startSlapd>>;
let tls: Awaited<ReturnType<typeof makeServerCertificate>>;
before(async () => {
  tls = await makeServerCertificate();
  slapd = await startSlapd(
    port,
    [
      `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`,
      `dn: ${GROUPS}\nobjectClass: organizationalUnit\nou: groups\n`,
      person("ann", "ann-directory-pw"),
      person("anna", "anna-directory-pw"),
      person("carol", "carol-directory-pw"),
      person("dave", "dave-directory-pw"),
      person("bob", "bob-directory-pw"),
      group("payments", ["ann", "anna"]),
      group("portcullis-admins", ["carol"]),
      group("auditors", ["dave"]),
    ].join("\n"),
    { ca: `${tls.dir}/ca.pem`, certificate: tls.certificate, key: tls.key },
  );
});
after(async () => {
  await slapd?.stop();
  if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
});

const SERVICE = "ldap-registry";
const ctx = registryForFile(SERVICE);

const tokenRequest = (user: string, secret: string, scope: string) =>
  fetch(`${ctx.url}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(scope)}`, {
    headers: { Authorization: basic(user, secret) },
  });
const access = async (res: Response) => {
  const body = (await res.json()) as { token: string };
  return JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString()).access as { actions: string[] }[];
};

test("a directory password at the token endpoint: the account made just in time, its team from its group, skopeo pushes", async () => {
  const payments = await makeTeam("payments", []);
  await changeTeam(systemActor, "payments", { externalGroup: `cn=Payments, ${GROUPS}` });
  await grant({ subject: { type: "team", name: payments.name }, repository: "payments/*", actions: ["pull", "push"] });

  const res = await tokenRequest("ann", "ann-directory-pw", "repository:payments/api:pull,push");
  assert.equal(res.status, 200);
  assert.deepEqual((await access(res))[0].actions, ["pull", "push"]);
  const ann = await db().user.findUniqueOrThrow({ where: { username: "ann" } });
  assert.equal(ann.source, "ldap");
  assert.equal(ann.externalId, `uid=ann,${PEOPLE}`);
  assert.equal(ann.displayName, "Ann Example");
  assert.equal(ann.email, "ann@example.org");
  assert.equal(ann.role, "user");
  const made = await db().auditEvent.findMany({
    where: { actorName: "directory", action: { in: ["user.create", "team.member_add"] } },
    select: { action: true, details: true },
  });
  assert.deepEqual(made.map((e) => e.action).sort(), ["team.member_add", "user.create"]);
  assert.ok(made.every((e) => (e.details as { source: string }).source === "ldap"));

  const pushed = await skopeoCopy(
    await buildTestImage("from the directory\n"),
    `docker://${ctx.registry.host}/payments/api:v1`,
    "ann:ann-directory-pw",
  );
  assert.equal(pushed.code, 0, pushed.stderr);

  // Membership is the directory's: not editable by hand.
  await assert.rejects(
    setMembership(systemActor, FULL_STEWARDSHIP, "payments", "ann", false),
    /managed by the directory/,
  );
  // Removed from the group there, out of the team at the next request.
  await slapd.modify(`dn: cn=payments,${GROUPS}\nchangetype: modify\ndelete: member\nmember: uid=ann,${PEOPLE}\n`);
  const after = await tokenRequest("ann", "ann-directory-pw", "repository:payments/api:pull,push");
  assert.equal(after.status, 200);
  assert.deepEqual((await access(after))[0].actions, [], "no team, no access");
  assert.equal(await db().teamMembership.count({ where: { teamId: payments.id, userId: ann.id } }), 0);
  const removed = await db().auditEvent.findFirst({ where: { action: "team.member_remove", actorName: "directory" } });
  assert.deepEqual((removed?.details as { username: string }).username, "ann");
});

test("roles follow the admin and auditor groups; the console's sign-in takes the same directory password", async () => {
  const carol = await authenticate("carol", "carol-directory-pw", "10.0.0.1");
  assert.ok(carol.ok && carol.subject.kind === "user" && carol.subject.role === "admin");
  const dave = await authenticate("dave", "dave-directory-pw", "10.0.0.1");
  assert.ok(dave.ok && dave.subject.kind === "user" && dave.subject.role === "auditor");
  // Out of the admin group: back to a user at the next sign-in, recorded.
  await slapd.modify(
    `dn: cn=portcullis-admins,${GROUPS}\nchangetype: modify\ndelete: member\nmember: uid=carol,${PEOPLE}\n`,
  );
  const again = await authenticate("carol", "carol-directory-pw", "10.0.0.1");
  assert.ok(again.ok && again.subject.kind === "user" && again.subject.role === "user");
  const change = await db().auditEvent.findFirst({ where: { action: "user.update", actorName: "directory" } });
  assert.deepEqual((change?.details as { changes: unknown }).changes, { role: { from: "admin", to: "user" } });
});

test("wrong passwords, unknown names, empty passwords and filter injection sign no one in", async () => {
  const cases: [string, string, string][] = [
    ["anna", "wrong", "bad_password"],
    ["nobody", "whatever", "unknown_account"],
    ["anna", "", "bad_password"],
    ["an*", "anna-directory-pw", "unknown_account"],
    ["*", "anna-directory-pw", "unknown_account"],
    ["anna)(uid=*", "anna-directory-pw", "unknown_account"],
  ];
  for (const [user, password, reason] of cases) {
    const r = await authenticate(user, password, "10.0.0.2");
    assert.equal(r.ok ? "ok" : r.reason, reason, `${user}/${password}`);
  }
  // Below the account-name check too: the filter is escaped, so a wildcard matches no entry.
  const cfg = env().ldap!;
  for (const user of ["an*", "*", "anna)(|(uid=*"])
    assert.deepEqual(await verifyDirectoryPassword(cfg, user, "anna-directory-pw"), {
      ok: false,
      reason: "unknown_account",
    });
  const failures = await db().authFailure.findMany({ where: { username: "anna" } });
  assert.ok(failures.length > 0, "directory failures count toward the lockout");
});

test("a local account is never taken over by a directory entry of the same name", async () => {
  const bob = await makeUser({ username: "bob", password: "bob-local-password" });
  assert.equal((await authenticate("bob", "bob-directory-pw", "10.0.0.3")).ok, false);
  assert.equal((await authenticate("bob", "bob-local-password", "10.0.0.3")).ok, true);
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: bob.id } })).source, "local");

  // Unless an administrator says so: then the next directory sign-in takes the account over, and
  // the local password stops working at once.
  await updateUserAccount(systemActor, bob.id, { signIn: "directory" });
  assert.equal((await authenticate("bob", "bob-local-password", "10.0.0.3")).ok, false);
  const linked = await authenticate("bob", "bob-directory-pw", "10.0.0.3");
  assert.ok(linked.ok && linked.subject.kind === "user" && linked.subject.id === bob.id, "the same account, linked");
  assert.equal((await db().user.findUniqueOrThrow({ where: { id: bob.id } })).externalId, `uid=bob,${PEOPLE}`);
  await assert.rejects(
    updateUserAccount(systemActor, bob.id, { signIn: "sso", password: "a-new-password" }),
    /only for accounts that sign in with a password/,
  );
});

test("access and refresh tokens of a directory account follow the directory: a group left, then the entry deleted", async () => {
  const anna = await authenticate("anna", "anna-directory-pw", "10.0.0.5");
  assert.ok(anna.ok);
  const pat = await makeToken({ kind: "user", id: anna.subject.id, name: "anna", role: "user", via: "session" });
  const push = "repository:payments/api:push";
  assert.deepEqual((await access(await tokenRequest("anna", pat.token, push)))[0].actions, ["push"]);
  await slapd.modify(`dn: cn=payments,${GROUPS}\nchangetype: modify\ndelete: member\nmember: uid=anna,${PEOPLE}\n`);
  assert.deepEqual(
    (await access(await tokenRequest("anna", pat.token, push)))[0].actions,
    [],
    "the token follows the group",
  );

  const login = await fetch(`${ctx.url}/api/registry/token?service=${SERVICE}&offline_token=true&client_id=docker`, {
    headers: { Authorization: basic("anna", "anna-directory-pw") },
  });
  const { refresh_token } = (await login.json()) as { refresh_token: string };
  await slapd.remove(`uid=anna,${PEOPLE}`);
  const renewed = await fetch(`${ctx.url}/api/registry/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token, service: SERVICE }),
  });
  assert.equal(renewed.status, 401, "gone from the directory: signed out everywhere");
  assert.equal((await tokenRequest("anna", pat.token, push)).status, 401);
  assert.equal((await db().user.findUniqueOrThrow({ where: { username: "anna" } })).disabled, true);
  const gone = await db().auditEvent.findFirst({
    where: {
      action: "user.update",
      actorName: "directory",
      details: { path: ["reason"], equals: "no longer in the directory" },
    },
  });
  assert.ok(gone, "recorded, with the source");
});

test("StartTLS: the directory's certificate checked against the configured CA, refused without it", async () => {
  const secured = { ...env().ldap!, startTls: true, caFile: `${tls.dir}/ca.pem` };
  const ok = await verifyDirectoryPassword(secured, "dave", "dave-directory-pw");
  assert.ok(ok.ok, JSON.stringify(ok));
  const untrusted = await checkDirectory({ ...secured, caFile: undefined });
  assert.equal(untrusted[0].ok, false);
  assert.match(untrusted[0].detail, /certificate/);
  assert.match(untrusted[0].fix!, /PORTCULLIS_LDAP_CA_FILE/);
  assert.equal(
    (await verifyDirectoryPassword({ ...secured, caFile: undefined }, "dave", "dave-directory-pw")).ok,
    false,
  );
});

test("a wrong bind password, then the directory stopped: clear errors within the deadline; other credentials work", async () => {
  const wrongBind = await verifyDirectoryPassword(
    { ...env().ldap!, bindPassword: "nope" },
    "anna",
    "anna-directory-pw",
  );
  assert.deepEqual(wrongBind, {
    ok: false,
    reason: "directory_unavailable",
    message:
      "the company directory refused Portcullis's own bind (PORTCULLIS_LDAP_BIND_DN / PORTCULLIS_LDAP_BIND_PASSWORD)",
  });

  // "Test connection" (Settings): each step, and the one that fails with what to change.
  const good = await checkDirectoryConnection("dave");
  assert.deepEqual(
    good.steps.map((s) => [s.step, s.ok]),
    [
      ["connect", true],
      ["bind", true],
      ["search", true],
      ["groups", true],
    ],
  );
  assert.match(good.steps[3].detail, /cn=auditors,ou=groups,dc=example,dc=org; role auditor/);
  const badBind = await checkDirectory({ ...env().ldap!, bindPassword: "nope" }, "dave");
  assert.equal(badBind.at(-1)!.step, "bind");
  assert.match(badBind.at(-1)!.fix!, /PORTCULLIS_LDAP_BIND_PASSWORD/);
  const nobody = await checkDirectoryConnection("nobody");
  assert.equal(nobody.steps.at(-1)!.ok, false);
  assert.match(nobody.steps.at(-1)!.fix!, /PORTCULLIS_LDAP_USER_FILTER/);

  const local = await makeUser();
  await grant({ subject: { type: "user", name: local.username }, repository: "local/*", actions: ["pull"] });
  const dave = await authenticate("dave", "dave-directory-pw", "10.0.0.4");
  assert.ok(dave.ok && dave.subject.kind === "user");
  const daveToken = await makeToken({
    kind: "user",
    id: dave.subject.id,
    name: "dave",
    role: "auditor",
    via: "session",
  });
  await slapd.pause();
  try {
    const started = Date.now();
    const res = await tokenRequest("dave", "dave-directory-pw", "repository:payments/api:pull");
    assert.equal(res.status, 503);
    assert.match(
      ((await res.json()) as { errors: { message: string }[] }).errors[0].message,
      /directory did not answer.*use an access token/,
    );
    assert.ok(Date.now() - started < 10_000, "within the deadline");
    assert.equal((await tokenRequest(local.username, local.password, "repository:local/x:pull")).status, 200);
    assert.equal((await tokenRequest("dave", daveToken.token, "repository:payments/api:pull")).status, 200);
    const failures = await db().authFailure.findMany({ where: { username: "dave", clientIp: "127.0.0.1" } });
    assert.ok(
      failures.every((f) => f.failures === 0),
      "the directory's silence is not the person's failure",
    );
  } finally {
    await slapd.start();
  }
  assert.equal((await tokenRequest("dave", "dave-directory-pw", "repository:payments/api:pull")).status, 200);
});
