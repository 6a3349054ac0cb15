// npm run build:helper [-- OUT_DIR] [--no-sea]: docker-credential-portcullis two ways, into OUT_DIR
// (default dist/): a single-file Node script (any platform with Node >= 20) and a single
// executable for this platform (Node's single-executable applications: this very node binary
// with the script injected), which the console offers for download. `npm run build` runs it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

export const HELPER = "docker-credential-portcullis";
export const seaName = () =>
  `${HELPER}-${process.platform}-${process.arch}${process.platform === "win32" ? ".exe" : ""}`;
const root = path.resolve(import.meta.dirname, "..");

export async function buildCredentialHelper(outDir: string, opts: { sea: boolean }) {
  fs.mkdirSync(outDir, { recursive: true });
  const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  const script = path.join(outDir, `${HELPER}.cjs`);
  await build({
    entryPoints: [path.join(root, "credential-helper/cli.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: script,
    banner: { js: "#!/usr/bin/env node" },
    define: { __PORTCULLIS_VERSION__: JSON.stringify(version) },
    logLevel: "warning",
  });
  fs.chmodSync(script, 0o755);
  if (!opts.sea) return { script };

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-sea-"));
  try {
    const blob = path.join(work, "helper.blob");
    const config = path.join(work, "sea-config.json");
    fs.writeFileSync(config, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true }));
    execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: "pipe" });
    const exe = path.join(outDir, seaName());
    fs.copyFileSync(process.execPath, exe);
    fs.chmodSync(exe, 0o755);
    // postject ships no types: its one function, as documented.
    const { inject } = createRequire(import.meta.url)("postject") as {
      inject(file: string, name: string, data: Buffer, opts: { sentinelFuse: string }): Promise<void>;
    };
    await inject(exe, "NODE_SEA_BLOB", fs.readFileSync(blob), {
      sentinelFuse: "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    });
    return { script, exe };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const out = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(root, "dist"));
  const built = await buildCredentialHelper(out, { sea: !args.includes("--no-sea") });
  console.log(Object.values(built).join("\n"));
}
