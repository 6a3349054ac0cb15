// npm run soak: minutes of mixed traffic against the production build on a throwaway PostgreSQL
// database (loopback only, bounded by SOAK_SECONDS, default 120): token requests with a PAT and
// with a password, anonymous pulls, browsing-style API reads (audit pages, grants, tokens), admin
// changes (grants created and revoked), and registry notifications. Samples the server's memory
// every 5 s. Prints JSON and exits non-zero on any error or on memory growth beyond the bound.
import fs from "node:fs";
import { createDatabase } from "../tests/helpers/database";
import { stopChild } from "../tests/helpers/processes";
import { buildAll, isBuilt } from "./build";
import { notificationSecret } from "../lib/services/registry-config";
import { setRuntimeSecrets } from "../lib/runtime-secrets";
import { api, basic, dataDir, load, startServer, type Call } from "./lib/load";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
// The server runs with its heap capped as in a container: without a cap V8 grows its heap lazily
// and RSS says little; with one, a leak shows as growth (or a crash) and steady use stays flat.
process.env.BENCH_NODE_ARGS ??= "--max-old-space-size=256";
const GROWTH_BOUND_MB = Number(process.env.SOAK_GROWTH_MB ?? 150);
const SERVICE = "soak-registry";

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function main() {
  if (!isBuilt() && !(await buildAll())) {
    process.exitCode = 1; // the build printed why
    return;
  }
  const db = await createDatabase();
  const server = await startServer({}, db.url, SERVICE);
  const memory: number[] = [];
  try {
    const password = "soak-user-password";
    await api(server.port, "POST", "/api/v1/users", { username: "soak", password, role: "user" });
    await api(server.port, "POST", "/api/v1/grants", {
      subject: { type: "user", name: "soak" },
      repository: "soak/*",
      actions: ["pull", "push"],
    });
    await api(server.port, "POST", "/api/v1/grants", {
      subject: { type: "public" },
      repository: "public/*",
      actions: ["pull"],
    });
    const pat = (
      await api(server.port, "POST", "/api/v1/tokens", { name: "soak", expiresInDays: 1 }, basic("soak", password))
    ).token as string;
    // The notification secret derives from the instance key in the shared data directory.
    setRuntimeSecrets(JSON.parse(fs.readFileSync(`${dataDir}/secrets.json`, "utf8")));
    const secret = notificationSecret(SERVICE);
    const admin = basic("admin", "bench-admin-password");
    const token = (scope: string, auth?: string): Call => ({
      path: `/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(scope)}`,
      headers: auth ? { Authorization: auth } : {},
    });
    let n = 0;
    const sampler = setInterval(() => memory.push(rssMb(server.child.pid!)), 5000);
    memory.push(rssMb(server.child.pid!));
    const results = await Promise.all([
      load(server.port, token("repository:soak/app:pull,push", basic("soak", pat)), SECONDS, 6, 200),
      load(server.port, token("repository:soak/app:pull", basic("soak", password)), SECONDS, 2, 200),
      load(server.port, token("repository:public/base:pull"), SECONDS, 1, 200),
      load(
        server.port,
        () => ({
          path: [
            "/api/v1/audit-events?limit=50",
            "/api/v1/grants",
            "/api/v1/tokens?all=true",
            "/api/v1/audit-events/activity?bucket=hour",
          ][n++ % 4],
          headers: { Authorization: admin },
        }),
        SECONDS,
        2,
        200,
      ),
      load(
        server.port,
        () => {
          const i = n++;
          return {
            method: "POST",
            path: `/api/registry/events?service=${SERVICE}`,
            headers: {
              "Content-Type": "application/vnd.docker.distribution.events.v1+json",
              Authorization: `Bearer ${secret}`,
            },
            body: JSON.stringify({
              events: [
                {
                  id: `soak-${i}-${i % 3}`,
                  action: i % 2 ? "pull" : "push",
                  target: { repository: "soak/app", tag: "t", digest: `sha256:${String(i).padStart(64, "0")}` },
                },
              ],
            }),
          };
        },
        SECONDS,
        1,
        200,
      ),
      (async () => {
        // Admin changes: a grant created and revoked, over and over.
        const until = Date.now() + SECONDS * 1000;
        let done = 0;
        let errors = 0;
        while (Date.now() < until) {
          try {
            const g = await api(server.port, "POST", "/api/v1/grants", {
              subject: { type: "user", name: "soak" },
              repository: `churn/r${done % 50}`,
              actions: ["pull"],
            });
            await api(server.port, "DELETE", `/api/v1/grants/${g.id}`);
            done++;
          } catch {
            errors++;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        return { requests: done * 2, errors, rps: Math.round((done * 2) / SECONDS), p50: 0, p99: 0, statuses: {} };
      })(),
    ]);
    clearInterval(sampler);
    memory.push(rssMb(server.child.pid!));
    const names = [
      "token (PAT)",
      "token (password)",
      "token (anonymous pull)",
      "console reads",
      "registry notifications",
      "admin changes",
    ];
    const warm = memory[Math.min(2, memory.length - 1)];
    const growth = memory[memory.length - 1] - warm;
    const errors = results.reduce((s, r) => s + r.errors, 0);
    const out = {
      seconds: SECONDS,
      scenarios: Object.fromEntries(
        results.map((r, i) => [
          names[i],
          { requests: r.requests, errors: r.errors, rps: r.rps, p50: r.p50, p99: r.p99 },
        ]),
      ),
      memoryMb: { samples: memory, afterWarmUp: warm, end: memory[memory.length - 1], growth, bound: GROWTH_BOUND_MB },
      ok: errors === 0 && growth <= GROWTH_BOUND_MB,
    };
    console.log(JSON.stringify(out, null, 2));
    process.exitCode = out.ok ? 0 : 1;
  } finally {
    await stopChild(server.child);
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
