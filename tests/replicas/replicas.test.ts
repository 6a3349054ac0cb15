// Three instances of the production build on one PostgreSQL database, started at the same moment
// on an empty database, behind a round-robin load balancer, with a real docker-registry trusting
// their bundle: they behave as one. Needs `next build` first (npm test runs it before this phase).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { ChildProcess } from "node:child_process";
import net from "node:net";
import pg from "pg";
import { createDatabase } from "../helpers/database";
import { freePort, spawn, stopChild, waitFor } from "../helpers/processes";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../helpers/registry";
import { startRoundRobin } from "../helpers/round-robin";
import { basic } from "../helpers/http";
import { SERVER_BUNDLE } from "../../scripts/build-server";

const SERVICE = "replicas-registry";
const ADMIN_PASSWORD = `replicas-${crypto.randomBytes(6).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-replicas-"));
let database: Awaited<ReturnType<typeof createDatabase>>;
let lb: Awaited<ReturnType<typeof startRoundRobin>>;
let registry: TestRegistry;
const instances: { url: string; child: ChildProcess; log: string }[] = [];

const admin = basic("admin", ADMIN_PASSWORD);

async function api(base: string, method: string, p: string, body?: unknown, auth = admin) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: auth, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: { message: string } },
  };
}

async function token(base: string, auth: string, scope: string) {
  const res = await fetch(`${base}/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(scope)}`, {
    headers: { Authorization: auth },
  });
  const body = (await res.json()) as { token?: string };
  const [header, claims] = body.token
    ? body.token
        .split(".")
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, "base64url").toString()))
    : [null, null];
  return {
    status: res.status,
    kid: header?.kid as string | undefined,
    actions: (claims?.access?.[0]?.actions ?? []) as string[],
  };
}

let shared: NodeJS.ProcessEnv;

/** One more instance of the production build on the same database, with its own log. */
function startInstance(port: number, name: string): { url: string; child: ChildProcess; log: string } {
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    stdio: ["ignore", out, out],
    env: { ...shared, PORT: String(port), PORTCULLIS_DATA_DIR: path.join(dir, `data-${name}`) },
  });
  return { url: `http://127.0.0.1:${port}`, child, log };
}

async function ready(inst: { url: string; log: string }): Promise<void> {
  await waitFor(async () => (await fetch(`${inst.url}/api/health/ready`)).ok, `${inst.url} to be ready`, 180_000).catch(
    (err) => {
      throw new Error(`${(err as Error).message}\n${fs.readFileSync(inst.log, "utf8").slice(-3000)}`);
    },
  );
}

before(async () => {
  database = await createDatabase();
  const ports = [await freePort(), await freePort(), await freePort()];
  lb = await startRoundRobin(ports.map((p) => `http://127.0.0.1:${p}`));
  shared = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: database.url,
    PORTCULLIS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PORTCULLIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PORTCULLIS_PUBLIC_URL: lb.url,
    PORTCULLIS_REGISTRY_SERVICE: SERVICE,
    PORTCULLIS_TRUST_PROXY: "1",
  };
  // All three at once, on an empty database.
  for (const [i, port] of ports.entries()) instances.push(startInstance(port, `instance-${i}`));
  for (const inst of instances) await ready(inst);
  const bundle = path.join(dir, "certs.pem");
  fs.writeFileSync(bundle, await (await fetch(`${lb.url}/api/registry/certs.pem`)).text());
  const authYaml = await (
    await fetch(`${lb.url}/api/registry/config.yml?service=${SERVICE}&bundle=${encodeURIComponent(bundle)}`)
  ).text();
  registry = await startRegistry({ authYaml });
});

after(async () => {
  await registry?.stop();
  await Promise.all(instances.map((i) => stopChild(i.child)));
  await lb?.stop();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("three instances started together on an empty database all become ready, with one admin and one key", async () => {
  for (const inst of instances) {
    const ready = (await (await fetch(`${inst.url}/api/health/ready`)).json()) as Record<string, { ok: boolean }>;
    assert.deepEqual([ready.database.ok, ready.migrations.ok, ready.signingKey.ok], [true, true, true]);
    assert.equal((await api(inst.url, "GET", "/api/v1/me")).body.name, "admin");
  }
  const keys = (await api(lb.url, "GET", "/api/v1/signing-keys")).body.keys as { status: string }[];
  assert.equal(keys.filter((k) => k.status === "active").length, 1);
  const users = (await api(lb.url, "GET", "/api/v1/users?search=admin")).body.users as { username: string }[];
  assert.deepEqual(
    users.map((u) => u.username),
    ["admin"],
  );
});

/**
 * Polls `check` until it holds; returns how long that took. Each instance reuses what it read
 * until the database notifies a change (lib/db/change-feed.ts): the others honour a change
 * within 1 s (in practice a few milliseconds), the instance that made it at once.
 */
async function honouredWithin(check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > 5_000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

test("a push through the load balancer; a change on one instance holds there at once, on the others within 1 s", async () => {
  const [a, b, c] = instances.map((i) => i.url);
  const name = `dev-${crypto.randomBytes(3).toString("hex")}`;
  const password = `pw-${crypto.randomBytes(8).toString("hex")}`;
  assert.equal((await api(a, "POST", "/api/v1/users", { username: name, password, role: "user" })).status, 201);
  const g = await api(b, "POST", "/api/v1/grants", {
    subject: { type: "user", name },
    repository: `${name}/*`,
    actions: ["pull", "push"],
  });
  assert.equal(g.status, 201);
  const pat = await api(c, "POST", "/api/v1/tokens", { name: "ci", expiresInDays: 1 }, basic(name, password));
  assert.equal(pat.status, 201);
  const pushed = await skopeoCopy(
    await buildTestImage("replicas\n"),
    `docker://${registry.host}/${name}/app:1`,
    `${name}:${pat.body.token}`,
  );
  assert.equal(pushed.code, 0, pushed.stderr);

  const user = basic(name, password);
  const scope = `repository:${name}/app:pull`;
  for (const inst of [a, b, c]) assert.deepEqual((await token(inst, user, scope)).actions, ["pull"]);
  // Twice: the second answer of each instance reuses what the first read.
  for (const inst of [a, b, c]) assert.deepEqual((await token(inst, user, scope)).actions, ["pull"]);
  const lags: number[] = [];
  // Revoked on A: gone on A at once, on B and C within 1 s.
  assert.equal((await api(a, "DELETE", `/api/v1/grants/${g.body.id}`)).status, 200);
  assert.deepEqual((await token(a, user, scope)).actions, [], "the instance that made the change, at once");
  for (const inst of [b, c])
    lags.push(await honouredWithin(async () => (await token(inst, user, scope)).actions.length === 0));
  // Team removal on B holds on A and C.
  const team = `team-${crypto.randomBytes(3).toString("hex")}`;
  assert.equal((await api(c, "POST", "/api/v1/teams", { name: team })).status, 201);
  assert.equal((await api(a, "POST", `/api/v1/teams/${team}/members`, { username: name })).status, 201);
  assert.equal(
    (
      await api(b, "POST", "/api/v1/grants", {
        subject: { type: "team", name: team },
        repository: `${team}/*`,
        actions: ["pull"],
      })
    ).status,
    201,
  );
  const teamScope = `repository:${team}/app:pull`;
  for (const inst of [a, b, c])
    await honouredWithin(async () => (await token(inst, user, teamScope)).actions.length === 1);
  assert.equal((await api(b, "DELETE", `/api/v1/teams/${team}/members/${name}`)).status, 200);
  assert.deepEqual((await token(b, user, teamScope)).actions, [], "the instance that made the change, at once");
  for (const inst of [a, c])
    lags.push(await honouredWithin(async () => (await token(inst, user, teamScope)).actions.length === 0));
  // A password reset on A: the old password refused by A at once, by B and C within 1 s.
  const renewed = basic(name, "a-renewed-password");
  for (const inst of [a, b, c]) assert.equal((await token(inst, user, scope)).status, 200);
  assert.equal((await api(a, "PATCH", `/api/v1/users/${name}`, { password: "a-renewed-password" })).status, 200);
  assert.equal((await token(a, user, scope)).status, 401, "the instance that made the change, at once");
  for (const inst of [b, c])
    lags.push(await honouredWithin(async () => (await token(inst, user, scope)).status === 401));
  // Disabled on C: refused by C at once, by A and B within 1 s.
  for (const inst of [a, b, c]) assert.equal((await token(inst, renewed, scope)).status, 200);
  assert.equal((await api(c, "PATCH", `/api/v1/users/${name}`, { disabled: true })).status, 200);
  assert.equal((await token(c, renewed, scope)).status, 401);
  for (const inst of [a, b])
    lags.push(await honouredWithin(async () => (await token(inst, renewed, scope)).status === 401));
  console.log(`# a change reached the other instances after ${lags.join(", ")} ms`);
  assert.ok(
    lags.every((ms) => ms <= 1_000),
    `every other instance within 1 s: ${lags.join(", ")} ms`,
  );
});

test("twenty identical grant requests spread over the instances make exactly one grant", async () => {
  const name = `race-${crypto.randomBytes(3).toString("hex")}`;
  assert.equal(
    (await api(lb.url, "POST", "/api/v1/users", { username: name, password: "long-enough-pw", role: "user" })).status,
    201,
  );
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api(instances[i % 3].url, "POST", "/api/v1/grants", {
        subject: { type: "user", name },
        repository: "race/app",
        actions: ["pull"],
      }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array(19).fill(409)].sort());
  const grants = (await api(lb.url, "GET", `/api/v1/grants?subject=${name}`)).body.grants as unknown[];
  assert.equal(grants.length, 1);
});

test("failed sign-ins spread over the instances lock out at exactly the configured count", async () => {
  assert.equal(
    (await api(lb.url, "PATCH", "/api/v1/settings", { lockoutThreshold: 5, slowdownAfter: 100 })).status,
    200,
  );
  const name = `lock-${crypto.randomBytes(3).toString("hex")}`;
  assert.equal(
    (await api(lb.url, "POST", "/api/v1/users", { username: name, password: "long-enough-pw", role: "user" })).status,
    201,
  );
  // Every instance reads settings anew within 5 s.
  await new Promise((r) => setTimeout(r, 5_500));
  const results = await Promise.all(
    Array.from({ length: 15 }, (_, i) => token(instances[i % 3].url, basic(name, `wrong-${i}`), "repository:x/y:pull")),
  );
  assert.ok(results.every((r) => r.status === 401));
  const events = (await api(lb.url, "GET", `/api/v1/audit-events?actor=${name}&action=token.issue&limit=100`)).body
    .events as { reason: string }[];
  assert.equal(events.length, 15);
  assert.equal(events.filter((e) => e.reason === "bad_password").length, 5);
  assert.equal(events.filter((e) => e.reason === "locked_out").length, 10);
  assert.equal(
    (await api(lb.url, "PATCH", "/api/v1/settings", { lockoutThreshold: 10, slowdownAfter: 3 })).status,
    200,
  );
});

test("a key rotation on one instance is honoured by all", async () => {
  const [a, b, c] = instances.map((i) => i.url);
  const prepared = await api(a, "POST", "/api/v1/signing-keys", { step: "prepare" });
  assert.equal(prepared.status, 200);
  const kid = prepared.body.kid as string;
  for (const inst of [b, c])
    assert.equal(
      ((await (await fetch(`${inst}/api/registry/certs.pem`)).text()).match(/BEGIN CERTIFICATE/g) ?? []).length,
      2,
    );
  assert.equal((await api(a, "POST", "/api/v1/signing-keys", { step: "activate" })).body.kid, kid);
  for (const inst of [a, b, c]) {
    await waitFor(
      async () => (await token(inst, admin, "repository:x/y:pull")).kid === kid,
      `${inst} to sign with the new key`,
      15_000,
    );
  }
  const keys = (await api(c, "GET", "/api/v1/signing-keys")).body.keys as { status: string }[];
  assert.equal(keys.filter((k) => k.status === "active").length, 1);
});

test(
  "mixed traffic on every instance: no errors, and the audit chain verifies with no gaps or forks",
  { timeout: 120_000 },
  async () => {
    const name = `mix-${crypto.randomBytes(3).toString("hex")}`;
    assert.equal(
      (await api(lb.url, "POST", "/api/v1/users", { username: name, password: "long-enough-pw", role: "user" })).status,
      201,
    );
    assert.equal(
      (
        await api(lb.url, "POST", "/api/v1/grants", {
          subject: { type: "user", name },
          repository: `${name}/*`,
          actions: ["pull"],
        })
      ).status,
      201,
    );
    const pat = (
      await api(lb.url, "POST", "/api/v1/tokens", { name: "mix", expiresInDays: 1 }, basic(name, "long-enough-pw"))
    ).body.token as string;
    const until = Date.now() + 30_000;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const worker = async (i: number) => {
      for (let n = 0; Date.now() < until; n++) {
        const base = instances[(i + n) % 3].url;
        switch (n % 4) {
          case 0:
            count((await token(base, basic(name, pat), `repository:${name}/app:pull`)).status);
            break;
          case 1:
            count((await token(base, basic(name, "long-enough-pw"), `repository:${name}/app:pull`)).status);
            break;
          case 2:
            count((await api(base, "GET", "/api/v1/grants")).status);
            break;
          default: {
            const team = `mix-${i}-${n}-${crypto.randomBytes(2).toString("hex")}`;
            count((await api(base, "POST", "/api/v1/teams", { name: team })).status);
            count((await api(instances[(i + n + 1) % 3].url, "DELETE", `/api/v1/teams/${team}`)).status);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, i) => worker(i)));
    const errors = [...statuses].filter(([s]) => s >= 400);
    assert.deepEqual(errors, [], JSON.stringify([...statuses]));
    assert.ok([...statuses.values()].reduce((a, n) => a + n, 0) > 100);
    const report = (await api(instances[1].url, "POST", "/api/v1/audit-events/verify")).body as {
      ok: boolean;
      checked: number;
    };
    assert.equal(report.ok, true, JSON.stringify(report));
    const total = (await api(instances[2].url, "GET", "/api/v1/audit-events/count")).body.count as number;
    assert.equal(report.checked, total, "every stored event is on the one chain");
  },
);

/** The stored token decisions among these request ids. */
async function recordedRequests(ids: string[]): Promise<Map<string, string | null>> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ requestId: string; reason: string | null }>(
      `SELECT "requestId", reason FROM "AuditEvent" WHERE action = 'token.issue' AND "requestId" = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.requestId, r.reason]));
  } finally {
    await c.end();
  }
}

test("kill -9 in the middle of token traffic loses no acknowledged decision", { timeout: 240_000 }, async () => {
  const name = `kill-${crypto.randomBytes(3).toString("hex")}`;
  await api(lb.url, "POST", "/api/v1/users", { username: name, password: "long-enough-pw", role: "user" });
  const pat = (
    await api(lb.url, "POST", "/api/v1/tokens", { name: "kill", expiresInDays: 1 }, basic(name, "long-enough-pw"))
  ).body.token as string;
  const victim = startInstance(await freePort(), "victim");
  await ready(victim);
  const acknowledged: string[] = [];
  let n = 0;
  const worker = async () => {
    for (;;) {
      const id = `kill-${name}-${n++}`;
      const res = await fetch(`${victim.url}/api/registry/token?service=${SERVICE}&scope=repository:${name}/a:pull`, {
        headers: { Authorization: basic(name, pat), "X-Request-Id": id },
      }).catch(() => null);
      if (!res) return; // the process is gone
      if (res.status === 200 && (await res.json().catch(() => null))?.token) acknowledged.push(id);
    }
  };
  const workers = Array.from({ length: 12 }, worker);
  await waitFor(async () => acknowledged.length >= 300, "traffic to the instance", 60_000);
  victim.child.kill("SIGKILL");
  await Promise.all(workers);
  const stored = await recordedRequests(acknowledged);
  assert.deepEqual(
    acknowledged.filter((id) => !stored.has(id)),
    [],
    `every 200 was recorded (${acknowledged.length} acknowledged)`,
  );
  const report = (await api(lb.url, "POST", "/api/v1/audit-events/verify")).body as { ok: boolean };
  assert.equal(report.ok, true, JSON.stringify(report));
});

test(
  "SIGTERM: a token answer still held back is finished and recorded before the database closes",
  { timeout: 240_000 },
  async () => {
    // Failures past the third are answered after 250 ms, 500 ms, 1 s, 2 s.
    assert.equal(
      (await api(lb.url, "PATCH", "/api/v1/settings", { lockoutThreshold: 10, slowdownAfter: 3 })).status,
      200,
    );
    const name = `term-${crypto.randomBytes(3).toString("hex")}`;
    await api(lb.url, "POST", "/api/v1/users", { username: name, password: "long-enough-pw", role: "user" });
    const inst = startInstance(await freePort(), "terminated");
    await ready(inst);
    const ask = (id: string, signal?: AbortSignal) =>
      fetch(`${inst.url}/api/registry/token?service=${SERVICE}&scope=repository:${name}/a:pull`, {
        headers: { Authorization: basic(name, "wrong-password"), "X-Request-Id": id },
        signal,
      });
    for (let i = 0; i < 6; i++) assert.equal((await ask(`term-${name}-${i}`)).status, 401);
    // The seventh is held back 2 s; its client resets the connection (so the server holds no
    // connection open for it), and the instance is told to stop meanwhile.
    const held = `term-${name}-held`;
    const socket = net.connect(Number(new URL(inst.url).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `GET /api/registry/token?service=${SERVICE}&scope=repository:${name}/a:pull HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: ${basic(name, "wrong-password")}\r\nX-Request-Id: ${held}\r\n\r\n`,
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(socket.bytesRead, 0, "not answered yet");
    socket.resetAndDestroy();
    const exited = new Promise<number | null>((resolve) => inst.child.once("exit", (code) => resolve(code)));
    inst.child.kill("SIGTERM");
    assert.equal(await exited, 0);
    const log = fs.readFileSync(inst.log, "utf8");
    assert.doesNotMatch(log, /"level":"error"/, log.slice(-2000));
    assert.equal((await recordedRequests([held])).get(held), "bad_password", "the held answer's decision is on record");
  },
);
