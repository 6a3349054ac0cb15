// Signed checkpoints of the audit chain's head: deleting the newest events, or rewriting the chain
// and recomputing every hash (as a database superuser could), is caught against a checkpoint,
// in the console and off-line from an export with the auditor's own copies.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import * as checkpointRoute from "../../app/api/v1/audit-events/checkpoint/route";
import * as verifyRoute from "../../app/api/v1/audit-events/verify/route";
import { recordCheckpoint } from "../../lib/audit/checkpoint";
import { verifyExport } from "../../lib/audit/checkpoint-offline";
import { exportStream } from "../../lib/audit/export";
import { verifyChain } from "../../lib/audit/verify";
import type { ChainedRow } from "../../lib/audit/chain";
import { appendAudit, chainRows } from "../../lib/audit/write";
import { db, sql } from "../../lib/db/client";
import type { Query } from "../../lib/db/sql";
import { certificateBundle, ensureSigningKey } from "../../lib/token-server/signer";
import { useTestDatabase, type TestDb } from "../helpers/database";
import { makeUser } from "../helpers/factories";

let tdb: TestDb;
before(async () => {
  tdb = await useTestDatabase();
  await ensureSigningKey();
});
after(async () => {
  await tdb?.close();
});

const record = (n: number, tag: string) =>
  db().$transaction((tx) =>
    appendAudit(
      tx,
      Array.from({ length: n }, (_, i) => ({
        actorKind: "system" as const,
        actorName: "test",
        action: "settings.update" as const,
        outcome: "success" as const,
        details: { tag, i },
      })),
    ),
  );
const asSuperuser = (work: (q: Query) => Promise<unknown>) =>
  sql().transaction(async (q) => {
    await q(`SET LOCAL session_replication_role = replica`); // triggers off, as a superuser may
    await work(q);
  });
async function exportRows(): Promise<ChainedRow[]> {
  const text = await new Response(exportStream({}, "jsonl")).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ChainedRow);
}

test("a checkpoint is signed with the instance's key and verifies against certs.pem", async () => {
  await record(5, "a");
  const cp = await recordCheckpoint();
  assert.ok(cp);
  const [header] = cp.jws.split(".");
  assert.equal(JSON.parse(Buffer.from(header, "base64url").toString()).typ, "portcullis-audit-checkpoint");
  const report = verifyExport(cp.jws, await certificateBundle(), await exportRows());
  assert.equal(report.ok, true, report.problem);
  // A forged checkpoint (payload changed, signature kept) does not verify.
  const [h, , s] = cp.jws.split(".");
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...cp.checkpoint, lastId: "1" })).toString("base64url")}.${s}`;
  assert.match(verifyExport(forged, await certificateBundle(), await exportRows()).problem ?? "", /signature/);
  assert.equal((await verifyChain({ checkpoint: forged })).checkpoint?.problem, "signature");
  assert.equal((await verifyChain()).ok, true);
});

test("deleting the newest events is detected against the checkpoint (the chain alone cannot see it)", async () => {
  await record(4, "b");
  const cp = await recordCheckpoint();
  const rowsBefore = await exportRows();
  await record(2, "c"); // events after the checkpoint may come and go with no checkpoint to say so
  const newest = (
    await sql().query<{ id: string }>(`SELECT id::text AS id FROM "AuditEvent" ORDER BY "AuditEvent".id DESC LIMIT 4`)
  ).map((r) => r.id);
  await asSuperuser((q) => q(`DELETE FROM "AuditEvent" WHERE id = ANY($1::bigint[])`, [newest]));
  // The chain still links from its start to its new (cut) end...
  const report = await verifyChain();
  assert.equal(report.firstBroken, undefined);
  // ...but the head signed at the checkpoint is gone.
  assert.equal(report.ok, false);
  assert.equal(report.checkpoint?.problem, "truncated");
  assert.match(report.checkpoint?.detail ?? "", /cut short/);
  // Deleting the stored checkpoints too does not help: the auditor's own copy still says so.
  await db().auditCheckpoint.deleteMany({});
  assert.equal((await verifyChain({ checkpoint: cp!.jws })).checkpoint?.problem, "truncated");
  // Off-line: the export taken before still verifies; one taken now does not.
  assert.equal(verifyExport(cp!.jws, await certificateBundle(), rowsBefore).ok, true);
  assert.match(verifyExport(cp!.jws, await certificateBundle(), await exportRows()).problem ?? "", /cut short/);
});

test("an edit with every hash recomputed after it passes the chain walk but not the checkpoint", async () => {
  await record(3, "d");
  const cp = (await recordCheckpoint())!;
  // The superuser rewrites an event and recomputes the chain from it on: every link checks out.
  const rows = await sql().query<ChainedRow & { details: Record<string, unknown> }>(
    `SELECT id::text AS id, time, "actorId", "actorName", "actorKind", credential, action, outcome, reason, repository, tag, digest,
            requested, granted, details, "clientIp", "userAgent", "requestId", "externalId", "prevHash", hash
       FROM "AuditEvent" ORDER BY "AuditEvent".id`,
  );
  const at = rows.length - 3;
  rows[at] = { ...rows[at], details: { ...rows[at].details, tag: "forged" } };
  const rechained = chainRows(
    rows[at].prevHash,
    rows.slice(at).map((r) => ({ ...r, time: new Date(r.time as string) }) as never),
  );
  await asSuperuser(async (q) => {
    for (let i = 0; i < rechained.length; i++) {
      await q(`UPDATE "AuditEvent" SET details = $2::jsonb, "prevHash" = $3, hash = $4 WHERE id = $1::bigint`, [
        rows[at + i].id,
        JSON.stringify(rechained[i].details),
        rechained[i].prevHash,
        rechained[i].hash,
      ]);
    }
  });
  const report = await verifyChain({ checkpoint: cp.jws });
  assert.equal(report.firstBroken, undefined, "the recomputed chain links");
  assert.equal(report.ok, false);
  assert.equal(report.checkpoint?.problem, "rewritten");
  assert.match(verifyExport(cp.jws, await certificateBundle(), await exportRows()).problem ?? "", /rewritten/);
});

test("auditors fetch the checkpoint and verify through the API; the off-line command says the same", async () => {
  await db().auditCheckpoint.deleteMany({});
  await record(2, "e");
  const auditor = await makeUser({ role: "auditor" });
  const auth = { Authorization: `Basic ${Buffer.from(`${auditor.username}:${auditor.password}`).toString("base64")}` };
  const got = await checkpointRoute.GET(
    new Request("http://console.test/api/v1/audit-events/checkpoint", { headers: auth }),
    { params: Promise.resolve({}) },
  );
  assert.equal(got.status, 200);
  const body = (await got.json()) as { jws: string; checkpoint: { lastId: string } };
  assert.ok(body.jws && body.checkpoint.lastId);
  const verified = await verifyRoute.POST(
    new Request("http://console.test/api/v1/audit-events/verify", {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ checkpoint: body.jws }),
    }),
    { params: Promise.resolve({}) },
  );
  const report = (await verified.json()) as { checkpoint: { problem?: string } };
  // The earlier tests rewrote this log behind the app's back: the checkpoint taken now covers the
  // rewritten chain, while the chain walk itself still reports what the earlier edits broke or not.
  assert.equal(report.checkpoint.problem, undefined);
  // The off-line command, with files as the auditor keeps them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-audit-verify-"));
  try {
    fs.writeFileSync(path.join(dir, "checkpoint.json"), JSON.stringify(body));
    fs.writeFileSync(path.join(dir, "certs.pem"), await certificateBundle());
    const rows = await exportRows();
    fs.writeFileSync(path.join(dir, "events.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n"));
    const run = (events: string) =>
      promisify(execFile)(process.execPath, [
        "--import",
        "tsx",
        "scripts/audit-verify.ts",
        "--checkpoint",
        path.join(dir, "checkpoint.json"),
        "--certs",
        path.join(dir, "certs.pem"),
        "--events",
        events,
      ]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
      );
    const ok = await run(path.join(dir, "events.jsonl"));
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /^ok: \d+ events chain correctly/);
    fs.writeFileSync(
      path.join(dir, "cut.jsonl"),
      rows
        .slice(0, -1)
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const cut = await run(path.join(dir, "cut.jsonl"));
    assert.equal(cut.code, 1);
    assert.match(cut.out, /NOT OK: .*cut short/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
