// npm start: builds (scripts/build.ts: the console, its compressed static files, the compiled
// server and the credential helper) when there is no current build, then runs dist/server.mjs.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
const outputs = [
  buildId,
  path.join(root, "dist", "server.mjs"),
  path.join(root, "dist", "docker-credential-portcullis.cjs"),
];
const sources = [
  "app",
  "components",
  "lib",
  "credential-helper",
  "server.ts",
  "next.config.js",
  "package-lock.json",
  "prisma/schema.prisma",
];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) if (e !== "generated") max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

const stale =
  outputs.some((o) => !fs.existsSync(o)) ||
  sources.some((s) => newestMtime(path.join(root, s)) > fs.statSync(buildId).mtimeMs);
if (stale) {
  console.log("Building Portcullis (first start or changed sources)…");
  const r = spawnSync("npx", ["tsx", "scripts/build.ts"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ["dist/server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
