// /metrics and the access log, as server.ts serves them: token traffic counted by outcome, reason
// and credential kind with no usernames, repositories or addresses in any label; the bearer token
// that guards /metrics; one JSON access-log line per request; and a real Prometheus scraping it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { env } from "../../lib/config/env";
import { grant, makeUser } from "../helpers/factories";
import { freePort, stopChild, waitFor } from "../helpers/processes";
import { tokenServerForFile } from "../helpers/token-server";
import { basic } from "../helpers/http";

const SERVICE = "metrics-registry";
const METRICS_TOKEN = "metrics-token-for-this-test-0123456789";
// Read once by env() on first use, which no module does at import time.
process.env.PORTCULLIS_METRICS_TOKEN = METRICS_TOKEN;
const server = tokenServerForFile(SERVICE);

const ask = (auth: string | null, query: string) =>
  fetch(`${server.url}/api/registry/token?${query}`, { headers: auth ? { Authorization: auth } : {} });
const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
  return res.text();
};
/** The value of one series in Prometheus's text format (0 when absent). */
function value(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{`) && want.every((w) => l.includes(w)) && !l.startsWith("#"));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

test("token traffic is counted by outcome, reason and credential kind; no name, repository or address is a label", async () => {
  assert.equal(env().PORTCULLIS_METRICS_TOKEN, METRICS_TOKEN);
  const alice = await makeUser();
  await grant({
    subject: { type: "user", name: alice.username },
    repository: `${alice.username}/*`,
    actions: ["pull"],
  });
  const before = await scrape();
  const scope = (repo: string, actions: string) => `scope=${encodeURIComponent(`repository:${repo}:${actions}`)}`;

  assert.equal(
    (await ask(basic(alice.username, alice.password), `service=${SERVICE}&${scope(`${alice.username}/app`, "pull")}`))
      .status,
    200,
  );
  assert.equal(
    (
      await ask(
        basic(alice.username, alice.password),
        `service=${SERVICE}&${scope(`${alice.username}/app`, "pull,push")}`,
      )
    ).status,
    200,
  );
  assert.equal((await ask(basic(alice.username, "wrong-password"), `service=${SERVICE}`)).status, 401);
  assert.equal((await ask(null, `service=no-such-service`)).status, 400);
  assert.equal((await ask(null, `service=${SERVICE}&${scope("secret/repo", "pull")}`)).status, 200);

  const after = await scrape();
  const delta = (labels: Record<string, string>) =>
    value(after, "portcullis_token_requests_total", labels) - value(before, "portcullis_token_requests_total", labels);
  assert.equal(delta({ outcome: "granted", reason: "none", credential: "password" }), 1);
  assert.equal(delta({ outcome: "partial", reason: "no_grant", credential: "password" }), 1);
  assert.equal(delta({ outcome: "unauthorized", reason: "bad_password", credential: "password" }), 1);
  assert.equal(delta({ outcome: "invalid", reason: "unknown_service", credential: "anonymous" }), 1);
  assert.equal(delta({ outcome: "denied", reason: "no_grant", credential: "anonymous" }), 1);
  assert.ok(value(after, "portcullis_token_request_duration_seconds_count", { outcome: "granted" }) >= 1);
  assert.ok(value(after, "portcullis_credential_cache_total", { result: "miss" }) >= 1);
  for (const series of [
    "portcullis_password_hash_queue_depth",
    "portcullis_audit_backlog",
    "process_cpu_seconds_total",
    "portcullis_audit_batch_size_count",
  ])
    assert.match(after, new RegExp(`^${series}`, "m"), series);
  assert.match(after, /^portcullis_db_pool_connections\{state="total"\} \d+/m);
  // Bounded labels: nothing a person typed or a client sent.
  for (const secret of [
    alice.username,
    alice.password,
    "wrong-password",
    "secret/repo",
    "127.0.0.1",
    "no-such-service",
  ])
    assert.ok(!after.includes(secret), `"${secret}" must not appear in /metrics`);
});

test("/metrics wants the bearer token when one is configured", async () => {
  const none = await fetch(`${server.url}/metrics`);
  assert.equal(none.status, 401);
  assert.match(none.headers.get("www-authenticate") ?? "", /Bearer/);
  const wrong = await fetch(`${server.url}/metrics`, {
    headers: { Authorization: "Bearer not-the-token-at-all-00000" },
  });
  assert.equal(wrong.status, 401);
  assert.equal(
    (await fetch(`${server.url}/metrics`, { method: "POST", headers: { Authorization: `Bearer ${METRICS_TOKEN}` } }))
      .status,
    405,
  );
});

test("one JSON access-log line per request: route, status, duration, request id, address, actor; never the query", async () => {
  const bob = await makeUser();
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  let res: Response;
  try {
    res = await fetch(`${server.url}/api/registry/token?service=${SERVICE}&account=${bob.username}`, {
      headers: { Authorization: basic(bob.username, bob.password), "X-Request-Id": "trace-me-42" },
    });
    assert.equal(res.status, 200);
    await waitFor(async () => lines.some((l) => l.includes('"trace-me-42"')), "the access-log line");
  } finally {
    process.stdout.write = write;
  }
  assert.equal(res.headers.get("x-request-id"), "trace-me-42");
  const entry = JSON.parse(lines.find((l) => l.includes('"trace-me-42"') && l.includes('"msg":"request"'))!);
  assert.equal(entry.level, "info");
  assert.equal(entry.method, "GET");
  assert.equal(entry.route, "/api/registry/token");
  assert.equal(entry.path, "/api/registry/token");
  assert.equal(entry.status, 200);
  assert.equal(entry.actor, bob.username);
  assert.equal(entry.clientIp, "127.0.0.1");
  assert.equal(typeof entry.durationMs, "number");
  const all = lines.join("");
  assert.ok(!all.includes(bob.password) && !all.includes("account="), "no secret and no query string in the log");
});

test(
  "a real Prometheus scrapes /metrics and answers the series through its query API",
  { timeout: 90_000 },
  async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-prom-"));
    const port = await freePort();
    const target = new URL(server.url);
    fs.writeFileSync(path.join(dir, "token"), METRICS_TOKEN);
    fs.writeFileSync(
      path.join(dir, "prometheus.yml"),
      [
        "global:",
        "  scrape_interval: 1s",
        "scrape_configs:",
        "  - job_name: portcullis",
        "    metrics_path: /metrics",
        "    authorization:",
        `      credentials_file: ${path.join(dir, "token")}`,
        "    static_configs:",
        `      - targets: ["${target.host}"]`,
        "",
      ].join("\n"),
    );
    const prom = spawn(
      "prometheus",
      [
        `--config.file=${path.join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: "ignore" },
    );
    t.after(async () => {
      await stopChild(prom);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const carol = await makeUser();
    for (let i = 0; i < 3; i++)
      assert.equal((await ask(basic(carol.username, carol.password), `service=${SERVICE}`)).status, 200);
    const query = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result;
    };
    await waitFor(
      async () => (await query('up{job="portcullis"}'))[0]?.value[1] === "1",
      "Prometheus's first scrape",
      60_000,
    );
    const granted = await query('sum(portcullis_token_requests_total{outcome="granted",credential="password"})');
    assert.ok(Number(granted[0].value[1]) >= 3, JSON.stringify(granted));
    const p99 = await query("histogram_quantile(0.99, sum by (le) (portcullis_token_request_duration_seconds_bucket))");
    assert.ok(Number.isFinite(Number(p99[0].value[1])), JSON.stringify(p99));
  },
);
