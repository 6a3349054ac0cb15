// npm run build: everything production runs, made from the sources: the console (next build),
// its static files compressed ahead of time (brotli and gzip, lib/server/static-assets.ts), the
// process entry compiled to dist/server.mjs (scripts/build-server.ts) and the credential helper
// the console offers for download (scripts/build-credential-helper.ts). `npm start`, the test
// command, the benchmarks and the Dockerfile all build through here.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { precompress } from "../lib/server/static-assets";
import { buildCredentialHelper } from "./build-credential-helper";
import { buildServer, SERVER_BUNDLE } from "./build-server";

const root = path.resolve(import.meta.dirname, "..");

/** A build is there (whether current or not: `npm start` checks that). */
export const isBuilt = () => fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(SERVER_BUNDLE);

export async function buildAll(): Promise<boolean> {
  const next = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (next.status !== 0) return false; // next build said why
  const files = await precompress(path.join(root, ".next", "static"));
  console.log(`compressed ${files} static files (brotli, gzip)`);
  console.log(`built ${path.relative(root, await buildServer())}`);
  const helper = await buildCredentialHelper(path.join(root, "dist"), { sea: true });
  console.log(
    `built ${Object.values(helper)
      .map((f) => path.relative(root, f))
      .join(", ")}`,
  );
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = (await buildAll()) ? 0 : 1;
}
