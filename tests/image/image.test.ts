// The container image, built and run with the real Docker engine (npm run test:image): from a base
// made here (debootstrap + this machine's Node.js, since no image can be pulled), it must start as a
// non-root user on its /data volume, turn healthy through its own health check, let the admin sign
// in and hand out a registry token; and compose.yaml must be a valid compose file.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildLocalBaseImage, startDockerd, type TestDocker } from "../helpers/docker";
import { basic } from "../helpers/http";
import { freePort, run, waitFor } from "../helpers/processes";

const BASE = "portcullis-base:local";
const IMAGE = "portcullis:test";
let d: TestDocker;

before(async () => {
  d = await startDockerd();
  await buildLocalBaseImage(d, BASE);
  const build = await d.docker(
    ["build", "--network", "host", "--build-arg", `BASE=${BASE}`, "-t", IMAGE, "."],
    30 * 60_000,
  );
  if (build.code !== 0) throw new Error(`docker build failed:\n${(build.stdout + build.stderr).slice(-4000)}`);
});
after(() => d?.stop());

test("the image: non-root, a /data volume, a health check on the liveness endpoint, few layers", async () => {
  const [info] = JSON.parse((await d.docker(["image", "inspect", IMAGE])).stdout);
  assert.equal(info.Config.User, "portcullis");
  assert.deepEqual(Object.keys(info.Config.Volumes ?? {}), ["/data"]);
  assert.match(info.Config.Healthcheck.Test.join(" "), /\/api\/health\/live/);
  assert.equal(info.Config.Env.includes("NODE_ENV=production"), true);
  const layers = info.RootFS.Layers.length;
  assert.ok(layers <= 4, `the base plus at most three layers (vfs copies each in full): ${layers}`);
});

test("the container starts on an empty /data, turns healthy, signs the admin in and issues a token", async () => {
  const port = await freePort();
  const password = `pw-${crypto.randomBytes(8).toString("hex")}`;
  const data = path.join(d.dir, "data");
  fs.mkdirSync(data);
  fs.chownSync(data, 10001, 10001);
  const url = `http://127.0.0.1:${port}`;
  const started = await d.docker([
    "run",
    "-d",
    "--name",
    "portcullis-under-test",
    "--network",
    "host",
    "-e",
    `PORT=${port}`,
    "-e",
    "HOSTNAME=127.0.0.1",
    "-e",
    `PORTCULLIS_ADMIN_PASSWORD=${password}`,
    "-e",
    `PORTCULLIS_PUBLIC_URL=${url}`,
    "-v",
    `${data}:/data`,
    IMAGE,
  ]);
  assert.equal(started.code, 0, started.stderr);
  const logs = async () => (await d.docker(["logs", "portcullis-under-test"])).stdout.slice(-3000);
  await waitFor(
    async () =>
      (await d.docker(["inspect", "-f", "{{.State.Health.Status}}", "portcullis-under-test"])).stdout.trim() ===
      "healthy",
    "the container's own health check to pass",
    180_000,
  ).catch(async (err) => {
    throw new Error(`${(err as Error).message}\n${await logs()}`);
  });

  // A person signs in to the console (next-auth's credentials flow, cookies carried by hand).
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const { csrfToken } = await keep(await fetch(`${url}/api/auth/csrf`)).json();
  keep(
    await fetch(`${url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
      body: new URLSearchParams({ csrfToken, username: "admin", password, json: "true" }),
    }),
  );
  const me = await fetch(`${url}/api/v1/me`, { headers: { Cookie: cookie() } });
  assert.equal(me.status, 200, await logs());
  assert.deepEqual((({ name, via }) => ({ name, via }))((await me.json()) as { name: string; via: string }), {
    name: "admin",
    via: "session",
  });

  // A registry client gets a token.
  const token = await fetch(
    `${url}/api/registry/token?service=portcullis-registry&scope=${encodeURIComponent("repository:team/app:pull,push")}`,
    { headers: { Authorization: basic("admin", password) } },
  );
  assert.equal(token.status, 200);
  assert.match(((await token.json()) as { token: string }).token, /^eyJ/);

  // The console's scripts come compressed by the build (brotli), not compressed per request.
  const html = await (await fetch(`${url}/login`)).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, "the login page loads a script from /_next/static");
  const js = await fetch(`${url}${script}`, { headers: { "Accept-Encoding": "br, gzip" } });
  assert.equal(js.status, 200);
  assert.equal(js.headers.get("content-encoding"), "br");
  assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");

  // It runs as its own user, keeps its state in /data, and cannot change its own code.
  assert.equal((await d.docker(["exec", "portcullis-under-test", "id", "-u"])).stdout.trim(), "10001");
  assert.ok(fs.readdirSync(data).length > 0, "the embedded database and secrets are on the volume");
  assert.ok(
    fs.readdirSync(data).every((f) => fs.statSync(path.join(data, f)).uid === 10001),
    "everything on the volume belongs to the service's user",
  );
  for (const file of ["/app/dist/server.mjs", "/app/server.ts"])
    assert.notEqual((await d.docker(["exec", "portcullis-under-test", "touch", file])).code, 0, file);
  const lines = (await d.docker(["logs", "portcullis-under-test"])).stdout.split("\n").filter((l) => l.trim());
  assert.ok(lines.length > 0 && lines.every((l) => l.startsWith("{")), "the log is a JSON stream");
  await d.docker(["rm", "-f", "portcullis-under-test"]);
});

test("compose.yaml is a valid compose file and insists on its passwords", async () => {
  const env = { ...d.env, POSTGRES_PASSWORD: "pg-secret", PORTCULLIS_ADMIN_PASSWORD: "admin-secret" };
  const ok = await run("docker-compose", ["-f", "compose.yaml", "config"], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /PORTCULLIS_CERTS_PATH: \/etc\/portcullis\/portcullis-certs.pem/);
  assert.match(ok.stdout, /serve\s*\n?\s*- \/etc\/portcullis\/config.yml|- serve\n\s+- \/etc\/portcullis\/config.yml/);
  const { POSTGRES_PASSWORD: _unset, ...without } = env;
  const refused = await run("docker-compose", ["-f", "compose.yaml", "config"], { env: without });
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /set POSTGRES_PASSWORD/);
});
