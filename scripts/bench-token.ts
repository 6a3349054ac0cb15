// npm run bench:token: the token endpoint under load, against the production build on PostgreSQL.
// Prints JSON with requests/s and p50/p99 for: PAT credentials, repeated passwords (credential
// cache), wrong passwords (with a health probe's latency during that flood), the hash verified on
// every request, and the same PAT load through a plain Next.js route handler. Loopback only,
// bounded in time; a benchmark, not a test: it asserts nothing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../tests/helpers/database";
import { freePort, stopChild, waitFor } from "../tests/helpers/processes";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SERVICE = "bench-registry";
const ADMIN_PASSWORD = "bench-admin-password";

interface Result { requests: number; errors: number; rps: number; p50: number; p99: number; statuses: Record<string, number> }

function pct(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100 : 0;
}

/** A closed-loop load: `connections` keep-alive clients sending back to back for `seconds`. */
async function load(port: number, reqPath: string, headers: Record<string, string> | (() => Record<string, string>), seconds: number, connections: number, expect: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: "127.0.0.1", port, path: reqPath, headers: typeof headers === "function" ? headers() : headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - t0);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode !== expect) errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < until) await one();
  }));
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: Math.round(latencies.length / elapsed), p50: pct(latencies, 50), p99: pct(latencies, 99), statuses };
}

function hasWrk(): boolean {
  return process.env.BENCH_LOADGEN !== "node" && spawnSync("wrk", ["--version"]).error === undefined;
}

/**
 * The same closed-loop load from wrk (Debian package `wrk`), a C load generator: on two cores a
 * Node.js client takes much of the CPU the server under test needs. Used when installed.
 */
function loadWrk(port: number, reqPath: string, headers: Record<string, string>, seconds: number, connections: number, expect: number): Result {
  const args = ["-t", "2", "-c", String(connections), "-d", `${seconds}s`, "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  const out = spawnSync("wrk", [...args, `http://127.0.0.1:${port}${reqPath}`], { encoding: "utf8" }).stdout;
  const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit];
  const latency = (p: string) => {
    const m = out.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, "m"));
    return m ? Math.round(toMs(m[1], m[2]) * 100) / 100 : NaN;
  };
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const wrong = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socketErrors = (out.match(/Socket errors: (.*)/)?.[1] ?? "").match(/\d+/g)?.map(Number).reduce((a, b) => a + b, 0) ?? 0;
  const errors = (expect === 200 ? wrong : requests - wrong) + socketErrors;
  return {
    requests, errors, rps: Math.round(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0)),
    p50: latency("50"), p99: latency("99"), statuses: { [expect]: requests - (expect === 200 ? wrong : 0), other: expect === 200 ? wrong : 0 },
  };
}

/** wrk when installed (fixed headers only), else the Node.js client. */
function steadyLoad(port: number, reqPath: string, headers: Record<string, string>, seconds: number, connections: number, expect: number): Promise<Result> | Result {
  return hasWrk() ? loadWrk(port, reqPath, headers, seconds, connections, expect) : load(port, reqPath, headers, seconds, connections, expect);
}

// One data directory for every server start: they share secrets.json, whose key decrypts the
// signing key stored in the database (as instances sharing a database must).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-"));

async function startServer(env: Record<string, string>, databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl, PORTCULLIS_DATA_DIR: dataDir, PORTCULLIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORTCULLIS_REGISTRY_SERVICE: SERVICE, PORTCULLIS_LOG_LEVEL: "error", ...env,
    },
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, "the server", 60_000);
  return { port, child };
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

async function api(port: number, method: string, p: string, body: unknown, auth = basic("admin", ADMIN_PASSWORD)) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers: { Authorization: auth, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (b.status !== 0) process.exit(1);
  }
  const db = await createDatabase();
  const results: Record<string, unknown> = {
    connections: CONNECTIONS, secondsPerScenario: SECONDS, cpus: os.cpus().length, loadGenerator: hasWrk() ? "wrk" : "node",
  };
  let server = await startServer({}, db.url);
  try {
    const password = "bench-user-password";
    await api(server.port, "POST", "/api/v1/users", { username: "bench", password, role: "user" });
    await api(server.port, "POST", "/api/v1/teams", { name: "bench-team" });
    await api(server.port, "POST", "/api/v1/teams/bench-team/members", { username: "bench" });
    await api(server.port, "POST", "/api/v1/grants", { subject: { type: "team", name: "bench-team" }, repository: "team/*", actions: ["pull", "push"] });
    const pat = (await api(server.port, "POST", "/api/v1/tokens", { name: "bench", expiresInDays: 30 }, basic("bench", password))).token as string;
    const tokenPath = `/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent("repository:team/app:pull,push")}`;

    await load(server.port, tokenPath, { Authorization: basic("bench", pat) }, 2, CONNECTIONS, 200); // warm-up
    results.pat = await steadyLoad(server.port, tokenPath, { Authorization: basic("bench", pat) }, SECONDS, CONNECTIONS, 200);
    results.passwordCached = await steadyLoad(server.port, tokenPath, { Authorization: basic("bench", password) }, SECONDS, CONNECTIONS, 200);
    // Wrong passwords, each for another unknown account so the per-pair lockout does not cut the
    // hash short (an unknown account costs a full argon2 verification), with a health probe alongside.
    let n = 0;
    const probe = load(server.port, "/api/health", {}, SECONDS, 1, 200);
    const flood = load(server.port, tokenPath, () => ({ Authorization: basic(`nobody-${n++}`, "wrong-password") }), SECONDS, CONNECTIONS, 401);
    results.wrongPassword = await flood;
    results.healthDuringWrongPasswordFlood = await probe;

    await stopChild(server.child);
    server = await startServer({ PORTCULLIS_CREDENTIAL_CACHE_SECONDS: "0" }, db.url);
    results.passwordVerifiedEveryRequest = await steadyLoad(server.port, tokenPath, { Authorization: basic("bench", password) }, SECONDS, CONNECTIONS, 200);

    await stopChild(server.child);
    server = await startServer({ PORTCULLIS_TOKEN_VIA_NEXT: "1" }, db.url);
    await load(server.port, tokenPath, { Authorization: basic("bench", pat) }, 2, CONNECTIONS, 200);
    results.patThroughNextRouteHandler = await steadyLoad(server.port, tokenPath, { Authorization: basic("bench", pat) }, SECONDS, CONNECTIONS, 200);
  } finally {
    await stopChild(server.child);
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
}

void main();
