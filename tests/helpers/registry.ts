import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
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
  /** Serve https with this certificate and key (PEM files); `ca` is the PEM that trusts them. */
  tls?: { certificate: string; key: string; ca: string };
}): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-registry-"));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "certs.pem"), opts.bundlePem ?? "");
  const tls = opts.tls
    ? `  tls:\n    certificate: ${JSON.stringify(opts.tls.certificate)}\n    key: ${JSON.stringify(opts.tls.key)}\n`
    : "";
  const auth =
    opts.authYaml ??
    `auth:\n  token:\n    realm: ${JSON.stringify(opts.realm)}\n    service: ${JSON.stringify(opts.service)}\n    issuer: ${JSON.stringify(opts.issuer)}\n    rootcertbundle: ${JSON.stringify(path.join(dir, "certs.pem"))}\n`;
  fs.writeFileSync(
    path.join(dir, "config.yml"),
    opts.config
      ? opts.config(`127.0.0.1:${port}`, path.join(dir, "data"))
      : `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${JSON.stringify(path.join(dir, "data"))}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${tls}${auth}`,
  );
  const logFile = path.join(dir, "registry.log");
  const out = fs.openSync(logFile, "a");
  const child = spawn("docker-registry", ["serve", path.join(dir, "config.yml")], { stdio: ["ignore", out, out] });
  const url = `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`;
  await waitFor(async () => (await statusOf(`${url}/v2/`, opts.tls?.ca)) === 401, `the registry on port ${port}`);
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

/** The status of a GET, over https trusting `ca` when given. */
function statusOf(url: string, ca?: string): Promise<number> {
  if (!ca) return fetch(url).then((r) => r.status);
  return new Promise((resolve, reject) =>
    https
      .get(url, { ca, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject),
  );
}

/**
 * A CA and a server certificate it signed for 127.0.0.1 (openssl), in a new directory. `certificate`
 * is the full chain (server, then CA), as servers that want clients to see their private CA send it.
 */
export async function makeServerCertificate(): Promise<{ dir: string; ca: string; certificate: string; key: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-tls-"));
  const p = (f: string) => path.join(dir, f);
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  const steps: string[][] = [
    [
      "req",
      "-x509",
      ...ecKey,
      "-keyout",
      p("ca.key"),
      "-out",
      p("ca.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=Portcullis Test Registry CA",
    ],
    ["req", ...ecKey, "-keyout", p("server.key"), "-out", p("server.csr"), "-subj", "/CN=127.0.0.1"],
  ];
  for (const args of steps) {
    const r = await run("openssl", args);
    if (r.code !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  }
  fs.writeFileSync(p("san.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  const sign = await run("openssl", [
    "x509",
    "-req",
    "-in",
    p("server.csr"),
    "-CA",
    p("ca.pem"),
    "-CAkey",
    p("ca.key"),
    "-CAcreateserial",
    "-out",
    p("server.pem"),
    "-days",
    "2",
    "-extfile",
    p("san.ext"),
  ]);
  if (sign.code !== 0) throw new Error(`openssl x509: ${sign.stderr}`);
  const ca = fs.readFileSync(p("ca.pem"), "utf8");
  fs.writeFileSync(p("chain.pem"), fs.readFileSync(p("server.pem"), "utf8") + ca);
  return { dir, ca, certificate: p("chain.pem"), key: p("server.key") };
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
export function skopeoCopy(
  src: string,
  dest: string,
  destCreds?: string,
  srcCreds?: string,
  opts: { all?: boolean } = {},
) {
  return run(
    "skopeo",
    [
      "copy",
      "--insecure-policy",
      "--src-tls-verify=false",
      "--dest-tls-verify=false",
      ...(opts.all ? ["--all"] : []),
      ...(destCreds ? ["--dest-creds", destCreds] : []),
      ...(srcCreds ? ["--src-creds", srcCreds] : []),
      src,
      dest,
    ],
    { timeoutMs: 120_000 },
  );
}

export function skopeoInspect(ref: string, creds?: string) {
  return run("skopeo", ["inspect", "--tls-verify=false", ...(creds ? ["--creds", creds] : ["--no-creds"]), ref], {
    timeoutMs: 60_000,
  });
}

/**
 * A multi-arch image: two single-platform images (linux/amd64, linux/arm64) built with umoci and
 * an OCI image index over them, tagged "multi" in the layout. Copy it with skopeoCopy(..., { all: true }).
 */
export async function buildMultiArchImage(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-multi-"));
  const layout = path.join(dir, "layout");
  const umoci = async (args: string[]) => {
    const r = await run("umoci", args);
    if (r.code !== 0) throw new Error(`umoci ${args[0]} failed: ${r.stderr}`);
  };
  await umoci(["init", "--layout", layout]);
  for (const arch of ["amd64", "arm64"]) {
    const bundle = path.join(dir, `bundle-${arch}`);
    await umoci(["new", "--image", `${layout}:${arch}`]);
    await umoci([
      "config",
      "--image",
      `${layout}:${arch}`,
      "--architecture",
      arch,
      "--os",
      "linux",
      "--config.label",
      `org.opencontainers.image.title=multi-${arch}`,
    ]);
    await umoci(["unpack", "--rootless", "--image", `${layout}:${arch}`, bundle]);
    fs.writeFileSync(path.join(bundle, "rootfs", "arch.txt"), `${arch}\n`);
    await umoci(["repack", "--image", `${layout}:${arch}`, bundle]);
  }
  const indexFile = path.join(layout, "index.json");
  const top = JSON.parse(fs.readFileSync(indexFile, "utf8")) as {
    manifests: { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }[];
  };
  const ref = (d: { annotations?: Record<string, string> }) => d.annotations?.["org.opencontainers.image.ref.name"];
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: ["amd64", "arm64"].map((arch) => {
      const d = top.manifests.find((m) => ref(m) === arch)!;
      return { mediaType: d.mediaType, digest: d.digest, size: d.size, platform: { architecture: arch, os: "linux" } };
    }),
  };
  const bytes = Buffer.from(JSON.stringify(index));
  const hex = crypto.createHash("sha256").update(bytes).digest("hex");
  fs.writeFileSync(path.join(layout, "blobs", "sha256", hex), bytes);
  top.manifests.push({
    mediaType: index.mediaType,
    digest: `sha256:${hex}`,
    size: bytes.length,
    annotations: { "org.opencontainers.image.ref.name": "multi" },
  });
  fs.writeFileSync(indexFile, JSON.stringify(top));
  return `oci:${layout}:multi`;
}
