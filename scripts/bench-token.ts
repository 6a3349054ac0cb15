// npm run bench:token: the token endpoint under load, against the production build on PostgreSQL.
// Prints JSON with requests/s and p50/p99 for: PAT credentials, repeated passwords (credential
// cache), wrong passwords (with a health probe's latency during that flood), the hash verified on
// every request, the refresh-token grant, the same PAT load through a plain Next.js route handler,
// and the in-process ceiling (scripts/lib/ceiling-server.ts) each is compared with, measured in
// rounds interleaved with PAT, cached passwords and refresh tokens; the CPU each request costs the
// serving process and PostgreSQL; idle memory before and after the load. Loopback only, bounded
// in time; a benchmark, not a test: it asserts nothing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../tests/helpers/database";
import { stopChild } from "../tests/helpers/processes";
import { buildAll, isBuilt } from "./build";
import { api, basic, dataDir, load, startServer, type Result } from "./lib/load";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** The ceiling and the repeat paths are measured in this many interleaved rounds of SECONDS / ROUNDS. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SERVICE = "bench-registry";

let wrk: boolean | undefined;
function hasWrk(): boolean {
  wrk ??= process.env.BENCH_LOADGEN !== "node" && spawnSync("wrk", ["--version"]).error === undefined;
  return wrk;
}

/**
 * The same closed-loop load from wrk (Debian package `wrk`), a C load generator: on two cores a
 * Node.js client takes much of the CPU the server under test needs. Used when installed.
 */
function loadWrk(
  port: number,
  reqPath: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
  expect: number,
  body?: string,
): Result {
  const args = ["-t", "2", "-c", String(connections), "-d", `${seconds}s`, "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  if (body !== undefined) {
    // A POST: wrk takes the method and body from a Lua script.
    const script = path.join(os.tmpdir(), `bench-post-${process.pid}.lua`);
    fs.writeFileSync(script, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\n`);
    args.push("-s", script);
  }
  const out = spawnSync("wrk", [...args, `http://127.0.0.1:${port}${reqPath}`], { encoding: "utf8" }).stdout;
  const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit];
  const latency = (p: string) => {
    const m = out.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, "m"));
    return m ? Math.round(toMs(m[1], m[2]) * 100) / 100 : NaN;
  };
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const wrong = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socketErrors =
    (out.match(/Socket errors: (.*)/)?.[1] ?? "")
      .match(/\d+/g)
      ?.map(Number)
      .reduce((a, b) => a + b, 0) ?? 0;
  const errors = (expect === 200 ? wrong : requests - wrong) + socketErrors;
  return {
    requests,
    errors,
    rps: Math.round(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0)),
    p50: latency("50"),
    p99: latency("99"),
    statuses: { [expect]: requests - (expect === 200 ? wrong : 0), other: expect === 200 ? wrong : 0 },
  };
}

/** wrk when installed (fixed headers only), else the Node.js client. */
function steadyLoad(
  port: number,
  reqPath: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
  expect: number,
  body?: string,
): Promise<Result> | Result {
  return hasWrk()
    ? loadWrk(port, reqPath, headers, seconds, connections, expect, body)
    : load(
        port,
        { path: reqPath, headers, method: body === undefined ? "GET" : "POST", body },
        seconds,
        connections,
        expect,
      );
}

/** The ceiling (scripts/lib/ceiling-server.ts) in a process of its own, like the server under test. */
async function startCeiling(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/ceiling-server.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
    child.once("exit", () => reject(new Error("the ceiling server exited")));
  });
  return { port, child };
}

/** Resident memory of a process, MB (Linux /proc). */
function rssMb(pid: number | undefined): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** CPU time a process has used, ms (Linux /proc: user + system, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** CPU time all of PostgreSQL's processes have used, ms (the server under test's database work). */
function postgresCpuMs(): number {
  let total = 0;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (stat.includes("(postgres)")) total += cpuMs(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * A steady load with the CPU it cost per answered request, µs: the server process's (for the
 * server and the ceiling: the figure the ratio to the ceiling comes down to, less noisy than
 * requests/s on a shared machine) and PostgreSQL's.
 */
type Measured = Result & { cpuUsPerRequest: number; postgresCpuUsPerRequest?: number };

async function measured(
  pid: number | undefined,
  run: () => Promise<Result> | Result,
  database = true,
): Promise<Measured> {
  const [cpu0, pg0] = [cpuMs(pid), postgresCpuMs()];
  const r = await run();
  const per = (ms: number) => (r.requests ? Math.round((ms * 1000) / r.requests) : NaN);
  const cpu = { cpuUsPerRequest: per(cpuMs(pid) - cpu0) };
  return database ? { ...r, ...cpu, postgresCpuUsPerRequest: per(postgresCpuMs() - pg0) } : { ...r, ...cpu };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A scenario over its rounds: requests and errors summed, every other figure the rounds' median. */
function medianOf(ms: Measured[]): Measured {
  const of = (f: (m: Measured) => number | undefined) => {
    const xs = ms.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? Math.round(median(xs) * 100) / 100 : undefined;
  };
  return {
    requests: ms.reduce((n, m) => n + m.requests, 0),
    errors: ms.reduce((n, m) => n + m.errors, 0),
    rps: of((m) => m.rps)!,
    p50: of((m) => m.p50)!,
    p99: of((m) => m.p99)!,
    statuses: ms.reduce<Record<string, number>>((all, m) => {
      for (const [k, v] of Object.entries(m.statuses)) all[k] = (all[k] ?? 0) + v;
      return all;
    }, {}),
    cpuUsPerRequest: of((m) => m.cpuUsPerRequest)!,
    ...(ms[0].postgresCpuUsPerRequest === undefined
      ? {}
      : { postgresCpuUsPerRequest: of((m) => m.postgresCpuUsPerRequest) }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!isBuilt() && !(await buildAll())) process.exit(1);
  const db = await createDatabase();
  const results: Record<string, unknown> = {
    connections: CONNECTIONS,
    secondsPerScenario: SECONDS,
    interleavedRounds: ROUNDS,
    cpus: os.cpus().length,
    loadGenerator: hasWrk() ? "wrk" : "node",
  };
  const rounds: Record<string, Measured[]> = {};
  const tokenPath = `/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent("repository:team/app:pull,push")}`;
  // The ceiling keeps running (idle between its rounds) beside the server under test.
  const ceiling = await startCeiling();
  const ceilingAuth = { Authorization: basic("bench", "pct_x") };
  let server = await startServer({}, db.url, SERVICE).catch(async (err: unknown) => {
    await stopChild(ceiling.child);
    throw err;
  });
  try {
    await load(ceiling.port, { path: tokenPath, headers: ceilingAuth }, 2, CONNECTIONS, 200); // warm-up
    const password = "bench-user-password";
    await api(server.port, "POST", "/api/v1/users", { username: "bench", password, role: "user" });
    await api(server.port, "POST", "/api/v1/teams", { name: "bench-team" });
    await api(server.port, "POST", "/api/v1/teams/bench-team/members", { username: "bench" });
    await api(server.port, "POST", "/api/v1/grants", {
      subject: { type: "team", name: "bench-team" },
      repository: "team/*",
      actions: ["pull", "push"],
    });
    const pat = (
      await api(server.port, "POST", "/api/v1/tokens", { name: "bench", expiresInDays: 30 }, basic("bench", password))
    ).token as string;
    // The flood below comes from one address: lift the per-address lockout (password spraying),
    // or after 100 failures it would be refused without argon2 and measure nothing.
    await api(server.port, "PATCH", "/api/v1/settings", { addressLockoutThreshold: 100_000 });
    await sleep(3000);
    results.idleRssMbAfterStart = rssMb(server.child.pid);

    // The refresh-token grant: what the docker CLI sends after `docker login` stored the identity token.
    const offline = await fetch(`http://127.0.0.1:${server.port}${tokenPath}&offline_token=true&client_id=bench`, {
      headers: { Authorization: basic("bench", password) },
    });
    const refreshToken = ((await offline.json()) as { refresh_token: string }).refresh_token;
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      service: SERVICE,
      scope: "repository:team/app:pull,push",
      client_id: "bench",
      refresh_token: refreshToken,
    }).toString();
    await load(server.port, { path: tokenPath, headers: { Authorization: basic("bench", pat) } }, 2, CONNECTIONS, 200); // warm-up

    // The ceiling and the three repeat paths in interleaved rounds, so that each ratio compares
    // figures measured a few seconds apart: on a shared machine the speed drifts by 2x within a
    // run. Each scenario's figures are its rounds' medians; each ratio the median of its rounds'.
    const slot = Math.max(1, Math.round(SECONDS / ROUNDS));
    const port = server.port;
    const pid = server.child.pid;
    const scenarios: Record<string, () => Promise<Measured>> = {
      ceiling: () =>
        measured(
          ceiling.child.pid,
          () => steadyLoad(ceiling.port, tokenPath, ceilingAuth, slot, CONNECTIONS, 200),
          false,
        ),
      pat: () =>
        measured(pid, () =>
          steadyLoad(port, tokenPath, { Authorization: basic("bench", pat) }, slot, CONNECTIONS, 200),
        ),
      passwordCached: () =>
        measured(pid, () =>
          steadyLoad(port, tokenPath, { Authorization: basic("bench", password) }, slot, CONNECTIONS, 200),
        ),
      refreshTokenGrant: () =>
        measured(pid, () =>
          steadyLoad(
            port,
            "/api/registry/token",
            { "Content-Type": "application/x-www-form-urlencoded" },
            slot,
            CONNECTIONS,
            200,
            form,
          ),
        ),
    };
    for (let r = 0; r < ROUNDS; r++)
      for (const [name, run] of Object.entries(scenarios)) (rounds[name] ??= []).push(await run());
    for (const name of Object.keys(scenarios)) results[name] = medianOf(rounds[name]);
    results.rssMbAfterRounds = rssMb(pid);

    // Wrong passwords, each for another unknown account so the per-pair lockout does not cut the
    // hash short (an unknown account costs a full argon2 verification), with a health probe alongside.
    let n = 0;
    const probe = load(server.port, { path: "/api/health" }, SECONDS, 1, 200);
    const flood = load(
      server.port,
      () => ({ path: tokenPath, headers: { Authorization: basic(`nobody-${n++}`, "wrong-password") } }),
      SECONDS,
      CONNECTIONS,
      401,
    );
    results.wrongPassword = await flood;
    results.healthDuringWrongPasswordFlood = await probe;
    results.rssMbAfterWrongPasswords = rssMb(server.child.pid);
    await sleep(5000);
    results.idleRssMbAfterLoad = rssMb(server.child.pid);

    await stopChild(server.child);
    server = await startServer({ PORTCULLIS_CREDENTIAL_CACHE_SECONDS: "0" }, db.url, SERVICE);
    results.passwordVerifiedEveryRequest = await measured(server.child.pid, () =>
      steadyLoad(server.port, tokenPath, { Authorization: basic("bench", password) }, SECONDS, CONNECTIONS, 200),
    );

    await stopChild(server.child);
    server = await startServer({ PORTCULLIS_TOKEN_VIA_NEXT: "1" }, db.url, SERVICE);
    await load(server.port, { path: tokenPath, headers: { Authorization: basic("bench", pat) } }, 2, CONNECTIONS, 200);
    results.patThroughNextRouteHandler = await measured(server.child.pid, () =>
      steadyLoad(server.port, tokenPath, { Authorization: basic("bench", pat) }, SECONDS, CONNECTIONS, 200),
    );
  } finally {
    await stopChild(server.child);
    await stopChild(ceiling.child);
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // Each scenario as a share of the ceiling, and the docker CLI's two repeat paths as a share of
  // PAT: from the rounds (medians of each round's ratio) where they were interleaved.
  const rps = (k: string) => (results[k] as Result | undefined)?.rps ?? NaN;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const perRound = (a: string, b: string, f: (m: Measured) => number) =>
    ratio(median(rounds[a].map((m, i) => f(m) / f(rounds[b][i]))), 1);
  const byRps = (m: Measured) => m.rps;
  const byCpu = (m: Measured) => 1 / m.cpuUsPerRequest;
  results.ratios = {
    patToCeiling: perRound("pat", "ceiling", byRps),
    passwordCachedToCeiling: perRound("passwordCached", "ceiling", byRps),
    refreshTokenGrantToCeiling: perRound("refreshTokenGrant", "ceiling", byRps),
    passwordCachedToPat: perRound("passwordCached", "pat", byRps),
    refreshTokenGrantToPat: perRound("refreshTokenGrant", "pat", byRps),
    patThroughNextToPat: ratio(rps("patThroughNextRouteHandler"), rps("pat")),
    // The same comparison in CPU spent per request by the serving process (ceiling / scenario).
    patToCeilingByCpu: perRound("pat", "ceiling", byCpu),
    passwordCachedToCeilingByCpu: perRound("passwordCached", "ceiling", byCpu),
    refreshTokenGrantToCeilingByCpu: perRound("refreshTokenGrant", "ceiling", byCpu),
  };
  results.rounds = Object.fromEntries(Object.entries(rounds).map(([k, ms]) => [k, ms.map((m) => m.rps)]));
  console.log(JSON.stringify(results, null, 2));
}

void main();
