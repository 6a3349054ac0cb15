// npm start: builds the console (and the credential helper it offers) when there is no current build, then starts server.ts.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "next.config.js", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) if (e !== "generated") max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

const stale =
  !fs.existsSync(buildId) || sources.some((s) => newestMtime(path.join(root, s)) > fs.statSync(buildId).mtimeMs);
if (stale) {
  console.log("Building the console (first start or changed sources)…");
  const r = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// docker-credential-portcullis, which the console offers for download (npm run build makes it too).
const helper = path.join(root, "dist", "docker-credential-portcullis.cjs");
if (!fs.existsSync(helper) || newestMtime(path.join(root, "credential-helper")) > fs.statSync(helper).mtimeMs) {
  console.log("Building docker-credential-portcullis…");
  const r = spawnSync("npx", ["tsx", "scripts/build-credential-helper.ts"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
