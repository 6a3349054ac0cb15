import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, stopChild, waitFor } from "./processes";

/**
 * A real Docker engine of its own (Debian's docker.io) in a temporary directory: no iptables, no
 * bridge, the vfs storage driver, so it runs anywhere root does. `docker(...)` is the CLI pointed
 * at it with a throw-away client configuration.
 */
export interface TestDocker {
  dir: string;
  env: NodeJS.ProcessEnv;
  docker(args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export async function startDockerd(): Promise<TestDocker> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-dockerd-"));
  const sock = path.join(dir, "docker.sock");
  const log = fs.openSync(path.join(dir, "dockerd.log"), "a");
  const daemon = spawn(
    "dockerd",
    [
      "--iptables=false",
      "--ip6tables=false",
      "--bridge=none",
      "--storage-driver=vfs",
      `--data-root=${path.join(dir, "root")}`,
      `--exec-root=${path.join(dir, "exec")}`,
      `--pidfile=${path.join(dir, "pid")}`,
      `-H=unix://${sock}`,
    ],
    { stdio: ["ignore", log, log] },
  );
  fs.mkdirSync(path.join(dir, "client"));
  const env = {
    ...process.env,
    DOCKER_HOST: `unix://${sock}`,
    DOCKER_CONFIG: path.join(dir, "client"),
    DOCKER_BUILDKIT: "0",
  };
  const docker = (args: string[], timeoutMs = 120_000) => run("docker", args, { env, timeoutMs });
  try {
    await waitFor(async () => (await docker(["version"], 5_000)).code === 0, "dockerd to answer", 60_000);
  } catch (err) {
    await stopChild(daemon);
    throw new Error(
      `${(err as Error).message}\n${fs.readFileSync(path.join(dir, "dockerd.log"), "utf8").slice(-2000)}`,
    );
  }
  return {
    dir,
    env,
    docker,
    async stop() {
      await stopChild(daemon);
      // The engine may leave mounts behind (its network namespace): detach them, then its state
      // (vfs layers are large) goes with the test.
      const mounts = fs
        .readFileSync("/proc/mounts", "utf8")
        .split("\n")
        .map((l) => l.split(" ")[1])
        .filter((m) => m?.startsWith(dir))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) await run("umount", ["-l", m]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first Debian mirror apt uses here (deb822 or one-line sources), else deb.debian.org. */
export function debianMirror(): string {
  for (const f of ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]) {
    if (!fs.existsSync(f)) continue;
    const text = fs.readFileSync(f, "utf8");
    const m = /^URIs:\s*(\S+)/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(text);
    if (m) return m[1];
  }
  return "http://deb.debian.org/debian";
}

/**
 * A base image made here, since none can be pulled: Debian bookworm (debootstrap, minbase) with
 * this machine's Node.js and npm, and its trust store and npm configuration (the npm registry is
 * reached the same way as from this machine). What `node:20-bookworm-slim` would be elsewhere.
 */
export async function buildLocalBaseImage(d: TestDocker, tag: string): Promise<void> {
  const root = path.join(d.dir, "rootfs");
  const boot = await run(
    "debootstrap",
    ["--variant=minbase", "--include=ca-certificates", "bookworm", root, debianMirror()],
    { timeoutMs: 600_000 },
  );
  if (boot.code !== 0) throw new Error(`debootstrap failed:\n${boot.stderr.slice(-2000)}`);
  const node = fs.realpathSync(process.execPath);
  fs.copyFileSync(node, path.join(root, "usr/bin/node"));
  fs.chmodSync(path.join(root, "usr/bin/node"), 0o755);
  fs.cpSync("/usr/lib/node_modules/npm", path.join(root, "usr/lib/node_modules/npm"), { recursive: true });
  fs.symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", path.join(root, "usr/bin/npm"));
  fs.symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", path.join(root, "usr/bin/npx"));
  fs.copyFileSync("/etc/ssl/certs/ca-certificates.crt", path.join(root, "etc/ssl/certs/ca-certificates.crt"));
  if (fs.existsSync("/usr/etc/npmrc")) {
    fs.mkdirSync(path.join(root, "usr/etc"), { recursive: true });
    fs.copyFileSync("/usr/etc/npmrc", path.join(root, "usr/etc/npmrc"));
  }
  for (const junk of ["var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc", "usr/share/man"])
    for (const e of fs.readdirSync(path.join(root, junk), { withFileTypes: true }))
      if (e.isFile() || e.isDirectory()) fs.rmSync(path.join(root, junk, e.name), { recursive: true, force: true });

  await new Promise<void>((resolve, reject) => {
    const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const imp = spawn(
      "docker",
      [
        "import",
        "--change",
        "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt",
        "--change",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "-",
        tag,
      ],
      { env: d.env, stdio: ["pipe", "ignore", "inherit"] },
    );
    tar.stdout.pipe(imp.stdin);
    imp.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`docker import exited ${code}`))));
    tar.on("error", reject);
  });
  fs.rmSync(root, { recursive: true, force: true });
}
