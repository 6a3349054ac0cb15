// The access history: the real registry's notifications (skopeo pushes and pulls) stored once
// each, tag history with overwrites, refused pushes, the append-only guard, the hash chain
// catching an edit made directly in the database, and retention.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { applyRetention } from "../../lib/audit/retention";
import { verifyChain } from "../../lib/audit/verify";
import * as tagsRoute from "../../app/api/v1/audit-events/tags/route";
import { countAuditEvents, listAuditEvents } from "../../lib/db/audit-events";
import { db, sql } from "../../lib/db/client";
import { deniedPushes, tagHistory } from "../../lib/db/tag-history";
import { fullConfig } from "../../lib/registry/config-yaml";
import { credentialsBehind } from "../../lib/services/attribution";
import { notificationSecret } from "../../lib/services/registry-config";
import { revokeToken } from "../../lib/services/tokens";
import type { TagHistoryView } from "../../lib/validation/audit";
import { basic } from "../helpers/http";
import { updateSettings } from "../../lib/services/settings";
import { invalidateSettings } from "../../lib/settings";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { grant, makeRegistry, makeToken, makeUser, systemActor } from "../helpers/factories";
import { waitFor } from "../helpers/processes";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";
import { startTokenServer } from "../helpers/token-server";

const SERVICE = "history-registry";
let tdb: TestDb;
let server: { url: string; stop(): Promise<void> };
let registry: TestRegistry;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-history-"));

before(async () => {
  tdb = await useTestDatabase();
  await makeRegistry(SERVICE);
  await ensureSigningKey();
  server = await startTokenServer();
  const bundle = path.join(dir, "certs.pem");
  fs.writeFileSync(bundle, await certificateBundle());
  registry = await startRegistry({
    config: (addr, storageDir) =>
      fullConfig({
        addr,
        storageDir,
        auth: {
          mode: "token",
          realm: `${server.url}/api/registry/token`,
          service: SERVICE,
          issuer: "portcullis",
          bundlePath: bundle,
        },
        notifications: {
          url: `${server.url}/api/registry/events?service=${SERVICE}`,
          secret: notificationSecret(SERVICE),
        },
      }),
  });
});
after(async () => {
  await registry?.stop();
  await server?.stop();
  await tdb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, secret = notificationSecret(SERVICE), service = SERVICE) =>
  fetch(`${server.url}/api/registry/events?service=${service}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/vnd.docker.distribution.events.v1+json",
      Authorization: `Bearer ${secret}`,
    },
    body: JSON.stringify(body),
  });

test("pushes and pulls by skopeo arrive as registry events; tag history flags the overwrite; refused pushes are joined", async () => {
  const dev = await makeUser();
  const reader = await makeUser();
  await grant({ subject: { type: "user", name: dev.username }, repository: "hist/*", actions: ["pull", "push"] });
  await grant({ subject: { type: "user", name: reader.username }, repository: "hist/*", actions: ["pull"] });
  const pat = await makeToken(dev.caller);
  const creds = `${dev.username}:${pat.token}`;
  const [a, b] = [await buildTestImage("first\n"), await buildTestImage("second\n")];

  for (const [src, ref] of [
    [a, "latest"],
    [b, "latest"],
    [a, "v1"],
  ] as const) {
    const r = await skopeoCopy(src, `docker://${registry.host}/hist/app:${ref}`, creds);
    assert.equal(r.code, 0, r.stderr);
  }
  const pulled = await skopeoCopy(
    `docker://${registry.host}/hist/app:latest`,
    `oci:${path.join(dir, "pulled")}:latest`,
    undefined,
    `${reader.username}:${reader.password}`,
  );
  assert.equal(pulled.code, 0, pulled.stderr);
  const refused = await skopeoCopy(
    a,
    `docker://${registry.host}/hist/app:latest`,
    `${reader.username}:${reader.password}`,
  );
  assert.notEqual(refused.code, 0);

  await waitFor(
    async () =>
      (await tagHistory("hist/app", "latest")).length >= 2 &&
      (await countAuditEvents({ action: "registry.pull", repository: "hist/app" })) > 0,
    "the registry's notifications",
    20_000,
  );
  const latest = await tagHistory("hist/app", "latest");
  assert.deepEqual(
    latest.map((c) => c.kind),
    ["overwrite", "new"],
  );
  assert.equal(latest[0].previous, latest[1].digest);
  assert.notEqual(latest[0].digest, latest[1].digest);
  assert.equal(latest[0].actor, dev.username);
  assert.equal(latest[0].clientIp, "127.0.0.1");
  assert.deepEqual(
    (await tagHistory("hist/app", "v1")).map((c) => [c.kind, c.digest]),
    [["new", latest[1].digest]],
  );

  const denied = await deniedPushes("hist/app");
  assert.ok(
    denied.some((e) => e.actorName === reader.username),
    "the reader's refused push is listed",
  );
  const pulls = await listAuditEvents({ action: "registry.pull", actor: reader.username }, { limit: 10 });
  assert.ok(pulls.events.length > 0);
  assert.match(String((pulls.events[0].details as { service: string }).service), new RegExp(SERVICE));
});

test("who overwrote the tag, and with which credential: each push joined to the token decision behind it", async () => {
  const dev = await makeUser();
  const ops = await makeUser();
  for (const u of [dev, ops])
    await grant({ subject: { type: "user", name: u.username }, repository: "who/*", actions: ["pull", "push"] });
  const pat = await makeToken(dev.caller, { name: "ci-deploy" });
  const [a, b, c] = [await buildTestImage("one\n"), await buildTestImage("two\n"), await buildTestImage("three\n")];
  const push = async (src: string, tag: string, creds: string) =>
    assert.equal((await skopeoCopy(src, `docker://${registry.host}/who/app:${tag}`, creds)).code, 0);

  await push(a, "prod", `${dev.username}:${pat.token}`); // the access token
  await push(b, "prod", `${ops.username}:${ops.password}`); // overwritten with a password
  await waitFor(async () => (await tagHistory("who/app", "prod")).length >= 2, "the registry's notifications", 20_000);

  const auditor = await makeUser({ role: "auditor" });
  const res = await tagsRoute.GET(
    new Request("http://console.test/api/v1/audit-events/tags?repository=who/app&tag=prod", {
      headers: { Authorization: basic(auditor.username, auditor.password) },
    }),
    { params: Promise.resolve({}) },
  );
  assert.equal(res.status, 200);
  const view = (await res.json()) as TagHistoryView;
  assert.deepEqual(
    view.changes.map((ch) => [
      ch.kind,
      ch.actor,
      ch.credential.kind,
      ch.credential.credentials.map((x) => x.credential),
    ]),
    [
      ["overwrite", ops.username, "one", ["password"]],
      ["new", dev.username, "one", [`token:${pat.id}`]],
    ],
  );
  assert.match(
    view.changes[1].credential.credentials[0].label,
    new RegExp(`access token “ci-deploy” \\(${pat.prefix}…\\) of ${dev.username}`),
  );
  // The decision it links to is the token request that granted the push.
  const decision = view.changes[1].credential.credentials[0].decision;
  const recorded = await listAuditEvents({ action: "token.issue", actor: dev.username }, { limit: 20 });
  assert.ok(recorded.events.some((e) => e.id === decision && e.credential === `token:${pat.id}`));

  // The same person asked with two credentials within a token's lifetime, from the same address:
  // both could be behind the push, and both are named.
  const asked = await fetch(
    `${server.url}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent("repository:who/app:pull,push")}`,
    { headers: { Authorization: basic(dev.username, dev.password) } },
  );
  assert.equal(asked.status, 200);
  await push(c, "prod", `${dev.username}:${pat.token}`);
  await waitFor(async () => (await tagHistory("who/app", "prod")).length >= 3, "the third push's notification", 20_000);
  const [newest] = await tagHistory("who/app", "prod");
  const behind = (await credentialsBehind([{ ...newest, action: "registry.push", repository: "who/app" }])).get(
    newest.id,
  )!;
  assert.equal(behind.kind, "several");
  assert.deepEqual(behind.credentials.map((x) => x.credential).sort(), ["password", `token:${pat.id}`].sort());

  // Revoked since: still named, and said to be revoked.
  await revokeToken(dev.caller, pat.id);
  const again = (
    await credentialsBehind([
      { id: view.changes[1].id, action: "registry.push", repository: "who/app", clientIp: "127.0.0.1" },
    ])
  ).get(view.changes[1].id)!;
  assert.match(again.credentials[0].label, /since revoked/);
});

test("a push delivered late takes its place by its own time: the current digest stays right", async () => {
  const push = (id: string, digest: string, timestamp: string) => ({
    id,
    timestamp,
    action: "push",
    target: {
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: `sha256:${digest.repeat(64)}`,
      repository: "late/app",
      tag: "prod",
    },
    request: { id: `req-${id}`, addr: "10.1.2.3:4567", useragent: "docker" },
    actor: { name: "ci" },
  });
  assert.equal((await post({ events: [push("late-1", "a", "2026-11-24T10:00:00Z")] })).status, 200);
  assert.equal((await post({ events: [push("late-3", "c", "2026-11-24T12:00:00Z")] })).status, 200);
  // Pushed at 11:00, delivered last (a retry).
  assert.equal((await post({ events: [push("late-2", "b", "2026-11-24T11:00:00Z")] })).status, 200);
  const history = await tagHistory("late/app", "prod");
  assert.deepEqual(
    history.map((c) => [c.digest?.slice(7, 8), c.kind]),
    [
      ["c", "overwrite"],
      ["b", "overwrite"],
      ["a", "new"],
    ],
  );
  assert.equal(history[0].previous?.slice(7, 8), "b");
});

test("notifications are stored once, whatever the retries and duplicates; wrong secrets are refused", async () => {
  const ev = (id: string, tag = "t") => ({
    id,
    timestamp: "2026-11-24T10:00:00Z",
    action: "push",
    target: {
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: `sha256:${id.padEnd(64, "0")}`,
      repository: "dup/app",
      tag,
    },
    request: { id: `req-${id}`, addr: "10.1.2.3:4567", useragent: "skopeo" },
    actor: { name: "someone" },
  });
  const before = await countAuditEvents({ repository: "dup/app" });
  assert.equal((await post({ events: [ev("e2"), ev("e1"), ev("e2")] })).status, 200);
  assert.equal((await post({ events: [ev("e1")] })).status, 200); // the registry retrying
  await Promise.all([post({ events: [ev("e3")] }), post({ events: [ev("e3")] })]); // concurrently
  assert.equal((await countAuditEvents({ repository: "dup/app" })) - before, 3);

  assert.equal((await post({ events: [ev("e9")] }, "wrong-secret")).status, 401);
  assert.equal((await post({ events: [ev("e9")] }, notificationSecret("other"), "other")).status, 401);
  const bad = await post({ events: [{ id: "x", action: "explode", target: {} }] });
  assert.equal(bad.status, 422);
  assert.match((await bad.json()).error.message, /not a registry notification envelope/);
  assert.equal((await countAuditEvents({ repository: "dup/app", q: "" })) - before, 3);
});

test("audit events are append-only in the database; the chain finds an edit made behind the app's back", async () => {
  // Ids are numbers, not text: "10" comes after "9" in every listing and walk.
  const ids = (await listAuditEvents({}, { limit: 500 })).events.map((e) => Number(e.id));
  assert.ok(ids.length > 10);
  assert.deepEqual(
    ids,
    [...ids].sort((x, y) => y - x),
  );
  const first = await verifyChain();
  assert.equal(first.ok, true, JSON.stringify(first));
  const [victim] = (await listAuditEvents({}, { limit: 5 })).events.slice(-1);
  await assert.rejects(
    sql().query(`UPDATE "AuditEvent" SET reason = 'edited' WHERE id = $1::bigint`, [victim.id]),
    /append-only: UPDATE refused/,
  );
  await assert.rejects(
    sql().query(`DELETE FROM "AuditEvent" WHERE id = $1::bigint`, [victim.id]),
    /append-only: DELETE refused/,
  );
  await assert.rejects(sql().query(`TRUNCATE "AuditEvent"`), /append-only: TRUNCATE refused/);

  // Someone with superuser rights edits a row with triggers off: the chain reports exactly that row.
  await sql().transaction(async (q) => {
    await q(`SET LOCAL session_replication_role = replica`);
    await q(`UPDATE "AuditEvent" SET reason = 'edited' WHERE id = $1::bigint`, [victim.id]);
  });
  const report = await verifyChain();
  assert.equal(report.ok, false);
  assert.deepEqual(report.ok ? null : [report.firstBroken?.id, report.firstBroken?.problem], [victim.id, "altered"]);
  await sql().transaction(async (q) => {
    await q(`SET LOCAL session_replication_role = replica`);
    await q(`UPDATE "AuditEvent" SET reason = $2 WHERE id = $1::bigint`, [victim.id, victim.reason]);
  });
  assert.equal((await verifyChain()).ok, true, "restored, the chain is whole again");
});

test("retention deletes whole expired days only, records it, and the chain still verifies from its anchor", async () => {
  assert.equal(await applyRetention(), null, "off by default");
  await updateSettings(systemActor, { auditRetentionDays: 2 });
  invalidateSettings();
  const total = await countAuditEvents({});
  assert.deepEqual(await applyRetention(new Date()), {
    deleted: 0,
    cutoff: new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 2),
    ).toISOString(),
  });
  assert.equal(await countAuditEvents({}), total);

  const later = new Date(Date.now() + 4 * 86_400_000);
  const r = await applyRetention(later);
  assert.ok(r && r.deleted >= total, JSON.stringify(r));
  const left = await listAuditEvents({}, { limit: 10 });
  assert.deepEqual(
    left.events.map((e) => e.action),
    ["audit.retention"],
  );
  assert.equal((left.events[0].details as { deleted: number }).deleted, r!.deleted);
  const report = await verifyChain();
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.ok(report.anchor);

  await post({
    events: [{ id: "after-retention", action: "pull", target: { repository: "late/app", digest: "sha256:1" } }],
  });
  assert.equal((await verifyChain()).ok, true, "new events chain on");
  assert.ok(await db().setting.findUnique({ where: { key: "auditChainAnchor" } }));
});
