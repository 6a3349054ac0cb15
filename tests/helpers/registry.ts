import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, run, spawn, stopChild, waitFor } from "./processes";

/**
 * A real distribution registry (Debian's docker-registry) on 127.0.0.1, configured for token
 * authentication against the given realm with the given certificate bundle.
 */
export interface TestRegistry {
  url: string;
  host: string;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startRegistry(opts: {
  realm?: string;
  service?: string;
  issuer?: string;
  bundlePem?: string;
  authYaml?: string;
  /** A complete config.yml (e.g. Portcullis's generated one) for this address and storage directory. */
  config?: (addr: string, storageDir: string) => string;
}): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-registry-"));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "certs.pem"), opts.bundlePem ?? "");
  const auth =
    opts.authYaml ??
    `auth:\n  token:\n    realm: ${JSON.stringify(opts.realm)}\n    service: ${JSON.stringify(opts.service)}\n    issuer: ${JSON.stringify(opts.issuer)}\n    rootcertbundle: ${JSON.stringify(path.join(dir, "certs.pem"))}\n`;
  fs.writeFileSync(
    path.join(dir, "config.yml"),
    opts.config
      ? opts.config(`127.0.0.1:${port}`, path.join(dir, "data"))
      : `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${JSON.stringify(path.join(dir, "data"))}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const logFile = path.join(dir, "registry.log");
  const out = fs.openSync(logFile, "a");
  const child = spawn("docker-registry", ["serve", path.join(dir, "config.yml")], { stdio: ["ignore", out, out] });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/v2/`)).status === 401, `the registry on port ${port}`);
  return {
    url,
    host: `127.0.0.1:${port}`,
    dir,
    log: () => fs.readFileSync(logFile, "utf8"),
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small OCI image (one layer with a file) built with umoci, for skopeo to push. */
export async function buildTestImage(content = "hello from portcullis\n"): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-image-"));
  const layout = path.join(dir, "layout");
  const bundle = path.join(dir, "bundle");
  const steps: string[][] = [
    ["init", "--layout", layout],
    ["new", "--image", `${layout}:latest`],
    ["unpack", "--rootless", "--image", `${layout}:latest`, bundle],
  ];
  for (const s of steps) {
    const r = await run("umoci", s);
    if (r.code !== 0) throw new Error(`umoci ${s[0]} failed: ${r.stderr}`);
  }
  fs.writeFileSync(path.join(bundle, "rootfs", "hello.txt"), content);
  const r = await run("umoci", ["repack", "--image", `${layout}:latest`, bundle]);
  if (r.code !== 0) throw new Error(`umoci repack failed: ${r.stderr}`);
  return `oci:${layout}:latest`;
}

/** skopeo against a plain-HTTP registry. */
export function skopeoCopy(src: string, dest: string, destCreds?: string, srcCreds?: string) {
  return run("skopeo", [
    "copy", "--insecure-policy", "--src-tls-verify=false", "--dest-tls-verify=false",
    ...(destCreds ? ["--dest-creds", destCreds] : []), ...(srcCreds ? ["--src-creds", srcCreds] : []),
    src, dest,
  ], { timeoutMs: 120_000 });
}

export function skopeoInspect(ref: string, creds?: string) {
  return run("skopeo", ["inspect", "--tls-verify=false", ...(creds ? ["--creds", creds] : ["--no-creds"]), ref], { timeoutMs: 60_000 });
}
