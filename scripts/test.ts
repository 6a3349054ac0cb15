// npm test: the whole suite on a fresh machine. Installs the Debian packages the tests drive
// (when root; otherwise prints the exact command), runs unit + integration tests (node:test, real
// PostgreSQL, real docker-registry + skopeo), then Playwright against the production build.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, PG_ADMIN_URL } from "../tests/helpers/database";
import { LDAP_ADMIN, LDAP_SUFFIX, startSlapd } from "../tests/helpers/ldap";
import { startOidcProvider } from "../tests/helpers/oidc-provider";
import { freePort, waitFor } from "../tests/helpers/processes";
import { SERVER_BUNDLE } from "./build-server";

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
/** While working on a few browser tests: `npm run test:e2e -- e2e/me.spec.ts` runs only those. */
const specs = process.argv.filter((a) => a.endsWith(".spec.ts"));
const PACKAGES: Record<string, string> = {
  "docker-registry": "docker-registry",
  skopeo: "skopeo",
  umoci: "umoci",
  htpasswd: "apache2-utils",
  chromium: "chromium",
  openssl: "openssl",
  prometheus: "prometheus",
  dockerd: "docker.io",
  "docker-compose": "docker-compose",
  debootstrap: "debootstrap",
  // The credential helper's desktop keyring: a real Secret Service on a private session bus.
  "secret-tool": "libsecret-tools",
  "gnome-keyring-daemon": "gnome-keyring",
  "dbus-run-session": "dbus-daemon",
  // A real OpenLDAP for the directory tests.
  slapd: "slapd",
  ldapadd: "ldap-utils",
};

function which(bin: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;
}

function ensurePackages(): void {
  const missing = Object.entries(PACKAGES)
    .filter(([bin]) => !which(bin))
    .map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  const cmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${[...new Set(missing)].join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need Debian packages that are missing. Install them with:\n  sudo sh -c '${cmd}'`);
    process.exit(1);
  }
  console.log(`installing: ${missing.join(" ")}`);
  const r = spawnSync("sh", ["-c", cmd], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function ensurePostgres(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.end();
  } catch (err) {
    console.error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(err as Error).message}).\nStart it, or set PORTCULLIS_TEST_PG to a server where the user may create databases.`,
    );
    process.exit(1);
  }
}

function findTests(dir: string, suffix: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", ".next", "data", "generated"].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findTests(p, suffix, out);
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

function runStreaming(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

let built: boolean | undefined;
/** The production build the replica and browser tests run against, made once. */
function buildOnce(): boolean {
  built ??=
    spawnSync("npx", ["tsx", "scripts/build.ts"], { stdio: "inherit" }).status === 0 &&
    // Every page's first-load JavaScript within the budget, measured from this build.
    spawnSync("npx", ["tsx", "scripts/js-budget.ts"], { stdio: "inherit" }).status === 0;
  return built;
}

/** Unit and integration tests: everything under lib/ and tests/ but the replica tests. */
const nodeTests = () =>
  runNodeTests([
    ...findTests("lib", ".test.ts"),
    ...findTests("credential-helper", ".test.ts"),
    ...findTests("tests", ".test.ts").filter(
      (f) => !f.startsWith(path.join("tests", "replicas")) && !f.startsWith(path.join("tests", "image")),
    ),
  ]);

/** The container image built and run with the real Docker engine (tests/image). */
const imageTests = () => runNodeTests(findTests(path.join("tests", "image"), ".test.ts"));

/** Several instances of the production build on one database (tests/replicas). */
async function replicaTests(): Promise<{ passed: number; failed: number }> {
  if (!buildOnce()) return { passed: 0, failed: 1 };
  return runNodeTests(findTests(path.join("tests", "replicas"), ".test.ts"));
}

async function runNodeTests(files: string[]): Promise<{ passed: number; failed: number }> {
  const tap = path.join(os.tmpdir(), `portcullis-node-tests-${process.pid}.tap`);
  await runStreaming(process.execPath, [
    // pg 9 will make "client.query() while a query runs" an error: any deprecation fails now.
    "--throw-deprecation",
    "--import",
    "tsx",
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, "utf8") : "";
  const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  fs.rmSync(tap, { force: true });
  return { passed: num("pass"), failed: num("fail") + num("cancelled") + (text ? 0 : 1) };
}

const SECRET_PATTERNS: [string, RegExp][] = [
  ["access token", /\bp(?:ct|cr)_[0-9A-Za-z]{38}\b/],
  ["refresh token", /\bpcf_[A-Za-z0-9_-]{43}\b/],
  ["set-password link", /\bpcs_[A-Za-z0-9_-]{43}\b/],
  ["JWT", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/],
];

/** Scans the server's log and every stored audit event for anything shaped like a secret, and the given ones. */
async function secretLeaks(log: string, databaseUrl: string, secrets: string[]): Promise<string[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const audit = (
    await c.query(`SELECT coalesce(string_agg(row_to_json(e)::text, E'\\n'), '') AS t FROM "AuditEvent" e`)
  ).rows[0].t as string;
  await c.end();
  const found: string[] = [];
  for (const [where, text] of [
    ["server log", log],
    ["audit trail", audit],
  ] as const) {
    for (const [i, secret] of secrets.entries())
      if (text.includes(secret)) found.push(`${where}: ${i === 0 ? "the admin password" : "a configured secret"}`);
    for (const [what, re] of SECRET_PATTERNS) {
      const m = re.exec(text);
      if (m) found.push(`${where}: ${what} ${m[0].slice(0, 12)}…`);
    }
  }
  return found;
}

/** The e2e directory: dir-dev (in registry-devs) and dir-admin (in portcullis-admins). */
const E2E_DIRECTORY = [
  `dn: ou=people,${LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=groups,${LDAP_SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n`,
  ...["dir-dev", "dir-admin"].map(
    (uid) =>
      `dn: uid=${uid},ou=people,${LDAP_SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid} Example\nsn: Example\nmail: ${uid}@directory.example\nuserPassword: ${uid}-directory-pw\n`,
  ),
  `dn: cn=registry-devs,ou=groups,${LDAP_SUFFIX}\nobjectClass: groupOfNames\ncn: registry-devs\nmember: uid=dir-dev,ou=people,${LDAP_SUFFIX}\n`,
  `dn: cn=portcullis-admins,ou=groups,${LDAP_SUFFIX}\nobjectClass: groupOfNames\ncn: portcullis-admins\nmember: uid=dir-admin,ou=people,${LDAP_SUFFIX}\n`,
].join("\n");

async function e2eTests(): Promise<{ passed: number; failed: number }> {
  if (!buildOnce()) return { passed: 0, failed: 1 };
  const database = await createDatabase();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-e2e-"));
  const adminPassword = `e2e-admin-${Math.random().toString(36).slice(2)}`;
  const baseUrl = `http://localhost:${port}`;
  // A real OpenID Provider for the single sign-on tests (e2e/sso.spec.ts).
  const idp = await startOidcProvider({
    clientId: "portcullis-e2e",
    clientSecret: "e2e-oidc-client-secret",
    redirectUri: `${baseUrl}/api/auth/callback/oidc`,
    groups: { "sso-admin": ["Registry Admins"], "sso-dev": ["payments-devs"], "sso-auditor": ["auditors"] },
    refreshTokens: true,
  });
  // A real OpenLDAP for the directory sign-in tests (e2e/directory.spec.ts).
  const ldapPort = await freePort();
  const slapd = await startSlapd(ldapPort, E2E_DIRECTORY).catch(async (err) => {
    await idp.stop();
    throw err;
  });
  const log = fs.openSync(path.join(dataDir, "server.log"), "a");
  const server = spawn(process.execPath, [SERVER_BUNDLE], {
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: database.url,
      PORTCULLIS_DATA_DIR: dataDir,
      PORTCULLIS_ADMIN_PASSWORD: adminPassword,
      PORTCULLIS_PUBLIC_URL: baseUrl,
      PORTCULLIS_REGISTRY_SERVICE: "e2e-registry",
      PORTCULLIS_OIDC_ISSUER: idp.issuer,
      PORTCULLIS_OIDC_CLIENT_ID: "portcullis-e2e",
      PORTCULLIS_OIDC_CLIENT_SECRET: "e2e-oidc-client-secret",
      PORTCULLIS_OIDC_NAME: "Test IdP",
      PORTCULLIS_OIDC_SCOPES: "openid profile email groups",
      PORTCULLIS_OIDC_ADMIN_GROUPS: "registry admins",
      PORTCULLIS_OIDC_AUDITOR_GROUPS: "auditors",
      PORTCULLIS_LDAP_URL: slapd.url,
      PORTCULLIS_LDAP_NAME: "Test Directory",
      PORTCULLIS_LDAP_BIND_DN: LDAP_ADMIN.dn,
      PORTCULLIS_LDAP_BIND_PASSWORD: LDAP_ADMIN.password,
      PORTCULLIS_LDAP_USER_BASE: `ou=people,${LDAP_SUFFIX}`,
      PORTCULLIS_LDAP_GROUP_BASE: `ou=groups,${LDAP_SUFFIX}`,
      PORTCULLIS_LDAP_ADMIN_GROUPS: `cn=portcullis-admins,ou=groups,${LDAP_SUFFIX}`,
    },
  });
  const report = path.join(dataDir, "playwright.json");
  try {
    await waitFor(async () => (await fetch(`${baseUrl}/api/health`)).ok, "the console to start", 60_000);
    // Every spec runs from one address (127.0.0.1), so the deliberate failures of all of them
    // (wrong passwords, the matrix's invalid credentials) would add up in the per-address bucket
    // and lock out whichever spec happens to come after the hundredth. Each spec's own data only:
    // the address bucket is lifted here; its lockout is proven in tests/integration/hostile-input.
    const lifted = await fetch(`${baseUrl}/api/v1/settings`, {
      method: "PATCH",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString("base64")}`,
      },
      body: JSON.stringify({ addressLockoutThreshold: 100_000 }),
    });
    if (!lifted.ok) throw new Error(`could not lift the per-address lockout: ${lifted.status} ${await lifted.text()}`);
    await runStreaming("npx", ["playwright", "test", ...specs], {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_ADMIN_PASSWORD: adminPassword,
      E2E_SERVICE: "e2e-registry",
      E2E_DATABASE_URL: database.url,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    });
  } catch (err) {
    console.error(
      `e2e setup failed: ${(err as Error).message}\n${fs.readFileSync(path.join(dataDir, "server.log"), "utf8").slice(-4000)}`,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await idp.stop();
    await slapd.stop();
  }
  // After everything the browser tests did: no secret in the server's log or the audit trail.
  const serverLog = fs.readFileSync(path.join(dataDir, "server.log"), "utf8");
  const leaks = await secretLeaks(serverLog, database.url, [
    adminPassword,
    "e2e-oidc-client-secret",
    LDAP_ADMIN.password,
    "dir-dev-directory-pw",
  ]);
  const logProblems = logStreamProblems(serverLog);
  await database.drop();
  if (!fs.existsSync(report)) return { passed: 0, failed: 1 };
  const stats = JSON.parse(fs.readFileSync(report, "utf8")).stats as {
    expected: number;
    unexpected: number;
    flaky: number;
  };
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (leaks.length) console.error(`✖ secrets found after the e2e run:\n  ${leaks.join("\n  ")}`);
  else console.log("✔ no password, access token, set-password link or JWT in the server log or the audit trail");
  if (logProblems.length)
    console.error(`✖ the server's log is not a clean JSON stream:\n  ${logProblems.join("\n  ")}`);
  else console.log("✔ the server's log is one JSON object per line, with an access-log line per request");
  return {
    passed: stats.expected + stats.flaky + (leaks.length ? 0 : 1) + (logProblems.length ? 0 : 1),
    failed: stats.unexpected + (leaks.length ? 1 : 0) + (logProblems.length ? 1 : 0),
  };
}

/** Every line of a production server's output is JSON, and requests were logged (with who made them). */
function logStreamProblems(log: string): string[] {
  const problems: string[] = [];
  const entries: Record<string, unknown>[] = [];
  for (const line of log.split("\n").filter((l) => l.trim())) {
    try {
      entries.push(JSON.parse(line));
    } catch {
      problems.push(`not JSON: ${line.slice(0, 200)}`);
    }
  }
  const requests = entries.filter((e) => e.msg === "request");
  if (requests.length === 0) problems.push("no access-log line at all");
  // A few specs (`-- e2e/x.spec.ts`) may ask for no token; the whole suite does.
  if (specs.length === 0 && !requests.some((e) => e.route === "/api/registry/token" && typeof e.status === "number"))
    problems.push("no access-log line for the token endpoint");
  if (!requests.some((e) => typeof e.actor === "string")) problems.push("no access-log line names its actor");
  return problems.slice(0, 20);
}

ensurePackages();
await ensurePostgres();
const totals = { passed: 0, failed: 0 };
for (const [name, suite] of [
  ["unit+integration", nodeTests],
  ["replicas", replicaTests],
  ["e2e", e2eTests],
  ["image", imageTests],
] as const) {
  if (only && !(only === "unit" ? name === "unit+integration" : name === only)) continue;
  const r = await suite();
  console.log(`\n${name}: ${r.passed} passed, ${r.failed} failed\n`);
  totals.passed += r.passed;
  totals.failed += r.failed;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
