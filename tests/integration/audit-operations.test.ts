// The audit log's operation and per-action outcome filters on real token decisions: "denied
// pushes to a repository" finds a request whose pull was granted and push refused (logged as
// partial), "denied" alone finds every refused request, and changes, sign-ins and the catalog are
// operations of their own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listAuditEvents, type AuditFilter } from "../../lib/db/audit-events";
import { grant, makeUser, uniqueName } from "../helpers/factories";
import { basic } from "../helpers/http";
import { tokenServerForFile } from "../helpers/token-server";

const SERVICE = "operations-registry";
const server = tokenServerForFile(SERVICE);

async function ask(user: { username: string; password: string }, scope: string) {
  const res = await fetch(`${server.url}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(scope)}`, {
    headers: { Authorization: basic(user.username, user.password) },
  });
  return res.status;
}

const ids = async (f: AuditFilter) => (await listAuditEvents(f, { limit: 200 })).events.map((e) => e.outcome);

test("operation x outcome: a refused push inside a partial decision is a denied push; the granted pull is a granted pull", async () => {
  const dev = await makeUser();
  const repo = `${uniqueName("ops")}/api`;
  await grant({ subject: { type: "user", name: dev.username }, repository: repo, actions: ["pull"] });
  assert.equal(await ask(dev, `repository:${repo}:pull,push`), 200); // partial
  assert.equal(await ask(dev, `repository:${repo}:pull`), 200); // granted
  assert.equal(await ask(dev, `repository:${repo}:*`), 200); // "*": all or nothing, so denied

  const on = { repository: repo, actor: dev.username };
  const cases: [AuditFilter, string[]][] = [
    [{ ...on, operation: "push", outcome: "denied" }, ["partial", "denied"]],
    [{ ...on, operation: "push", outcome: "granted" }, []],
    [{ ...on, operation: "pull", outcome: "granted" }, ["granted", "partial"]],
    [{ ...on, operation: "pull", outcome: "denied" }, ["denied"]], // "*" asks pull too, and is granted whole or not at all
    [{ ...on, operation: "delete", outcome: "denied" }, ["denied"]],
    [{ ...on, operation: "push" }, ["partial", "denied"]],
    [{ ...on, outcome: "denied" }, ["partial", "denied"]], // alone: every refused request, wholly or partly
    [{ ...on, outcome: "partial" }, ["partial"]],
    [{ ...on, outcome: "granted" }, ["granted"]],
  ];
  for (const [filter, outcomes] of cases)
    assert.deepEqual((await ids(filter)).sort(), outcomes.sort(), JSON.stringify(filter));
});

test("changes, sign-ins and the catalog are operations of their own", async () => {
  const admin = await makeUser({ role: "admin" });
  const repo = `${uniqueName("chg")}/app`;
  await grant({ subject: { type: "user", name: admin.username }, repository: repo, actions: ["pull"] });
  assert.equal(await ask(admin, "registry:catalog:*"), 200);
  const changes = await listAuditEvents({ operation: "change", repository: repo }, { limit: 10 });
  assert.deepEqual(
    changes.events.map((e) => e.action),
    ["grant.create"],
  );
  const catalog = await listAuditEvents({ operation: "catalog", actor: admin.username }, { limit: 10 });
  assert.deepEqual(
    catalog.events.map((e) => [e.action, e.outcome]),
    [["token.issue", "granted"]],
  );
  const noDecisions = await listAuditEvents({ operation: "change", actor: admin.username }, { limit: 10 });
  assert.ok(noDecisions.events.every((e) => e.action !== "token.issue"));
});
