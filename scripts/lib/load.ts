// Shared by the benchmarks and the soak run: a closed-loop HTTP load generator on keep-alive
// connections, the production server started on a throwaway database, and API helpers.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, waitFor } from "../../tests/helpers/processes";
import { SERVER_BUNDLE } from "../build-server";

export const ADMIN_PASSWORD = "bench-admin-password";

export interface Result {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

export function pct(sorted: number[], p: number): number {
  return sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100
    : 0;
}

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A closed loop: `connections` clients sending back to back for `seconds`; `call` may vary each request. */
export async function load(
  port: number,
  call: Call | (() => Call),
  seconds: number,
  connections: number,
  expect: number | ((status: number) => boolean),
): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const ok = typeof expect === "number" ? (s: number) => s === expect : expect;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const c = typeof call === "function" ? call() : call;
      const t0 = performance.now();
      const req = http.request(
        { host: "127.0.0.1", port, method: c.method ?? "GET", path: c.path, headers: c.headers, agent },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if (!ok(res.statusCode ?? 0)) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(c.body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) await one();
    }),
  );
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / elapsed),
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    statuses,
  };
}

// One data directory for every server start: they share secrets.json, whose key decrypts the
// signing key stored in the database (as instances sharing a database must).
export const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-"));

export async function startServer(
  env: Record<string, string>,
  databaseUrl: string,
  service: string,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, SERVER_BUNDLE], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      PORTCULLIS_DATA_DIR: dataDir,
      PORTCULLIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORTCULLIS_REGISTRY_SERVICE: service,
      PORTCULLIS_LOG_LEVEL: "error",
      ...env,
    },
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, "the server", 60_000);
  return { port, child };
}

export const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

export async function api(
  port: number,
  method: string,
  p: string,
  body?: unknown,
  auth = basic("admin", ADMIN_PASSWORD),
) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: { Authorization: auth, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}
