// What an operator sees at start: bootstrap, secrets, locking, and clear errors for bad setups.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { lockDataDir } from "../../lib/config/data-dir";
import { ConfigError, loadEnv } from "../../lib/config/env";
import { loadSecrets } from "../../lib/config/secrets";
import { bootstrap } from "../../lib/bootstrap";
import { verifyPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { runtimeSecrets, setRuntimeSecrets } from "../../lib/runtime-secrets";
import { forgetSigner } from "../../lib/token-server/signer";
import { useTestDatabase } from "../helpers/database";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-start-"));

test("the default start needs no environment; bad values are named", () => {
  const e = loadEnv({});
  assert.equal(e.PORT, 3000);
  assert.equal(e.embedded, true);
  assert.throws(
    () => loadEnv({ DATABASE_URL: "mysql://x" }),
    (err: Error) => err instanceof ConfigError && /DATABASE_URL/.test(err.message),
  );
  assert.throws(() => loadEnv({ PORT: "http" }), /PORT/);
  assert.throws(() => loadEnv({ PORTCULLIS_ADMIN_PASSWORD: "short" }), /PORTCULLIS_ADMIN_PASSWORD/);
});

test("secrets are generated once, owner-only, and environment values win", () => {
  const dir = tmp();
  const e = loadEnv({ PORTCULLIS_DATA_DIR: dir });
  const a = loadSecrets(e);
  assert.equal(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777, 0o600);
  assert.deepEqual(loadSecrets(e), a, "stable across restarts");
  const key = "ab".repeat(32);
  assert.equal(loadSecrets(loadEnv({ PORTCULLIS_DATA_DIR: dir, PORTCULLIS_ENCRYPTION_KEY: key })).encryptionKey, key);
  fs.writeFileSync(path.join(dir, "secrets.json"), "{not json");
  assert.throws(() => loadSecrets(e), /corrupt/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a data directory in use by a live process is refused; a stale lock is taken over", () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "portcullis.lock"), String(process.ppid));
  assert.throws(() => lockDataDir(dir), /in use by another Portcullis process/);
  fs.writeFileSync(path.join(dir, "portcullis.lock"), "999999999");
  const release = lockDataDir(dir);
  assert.equal(fs.readFileSync(path.join(dir, "portcullis.lock"), "utf8"), String(process.pid));
  release();
  assert.equal(fs.existsSync(path.join(dir, "portcullis.lock")), false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("first start creates admin with the given password, the default registry and a signing key; never twice", async () => {
  const t = await useTestDatabase();
  try {
    const lines: string[] = [];
    await bootstrap(loadEnv({ PORTCULLIS_ADMIN_PASSWORD: "given-password-1" }), (l) => lines.push(l));
    const admin = await db().user.findUniqueOrThrow({ where: { username: "admin" } });
    assert.equal(admin.role, "admin");
    assert.match(admin.passwordHash, /^\$argon2id\$/);
    assert.equal(await verifyPassword(admin.passwordHash, "given-password-1"), true);
    assert.equal(lines.join("\n").includes("given-password-1"), false, "a given password is not echoed");
    assert.equal(await db().registry.count(), 1);
    assert.equal(await db().signingKey.count({ where: { status: "active" } }), 1);
    await bootstrap(loadEnv({}), (l) => lines.push(l));
    assert.equal(await db().user.count(), 1);
  } finally {
    await t.close();
  }
});

test("an instance started with another encryption key than the one that sealed the signing keys stops with a clear message", async () => {
  const t = await useTestDatabase();
  try {
    await bootstrap(loadEnv({ PORTCULLIS_ADMIN_PASSWORD: "given-password-1" }), () => {});
    setRuntimeSecrets({ ...runtimeSecrets(), encryptionKey: "ef".repeat(32) });
    forgetSigner();
    await assert.rejects(
      bootstrap(loadEnv({}), () => {}),
      (err: Error) =>
        err instanceof ConfigError && /same\s+PORTCULLIS_ENCRYPTION_KEY/.test(err.message.replace(/\n/g, " ")),
    );
  } finally {
    forgetSigner();
    await t.close();
  }
});

test("without PORTCULLIS_ADMIN_PASSWORD a random password is printed once and works", async () => {
  const t = await useTestDatabase();
  try {
    const lines: string[] = [];
    await bootstrap(loadEnv({}), (l) => lines.push(l));
    const password = /password: (\S+)/.exec(lines.join("\n"))?.[1];
    assert.ok(password && password.length >= 20);
    const admin = await db().user.findUniqueOrThrow({ where: { username: "admin" } });
    assert.equal(await verifyPassword(admin.passwordHash, password), true);
  } finally {
    await t.close();
  }
});

function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, ...env, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("an unreachable DATABASE_URL stops the process with a clear message", async () => {
  const r = await startServer({
    DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none",
    PORTCULLIS_DATA_DIR: tmp(),
    PORT: "39999",
  });
  assert.notEqual(r.code, 0);
  assert.match(r.output, /Can't reach database server at `127\.0\.0\.1:1`/);
});

test("a locked data directory stops the process with a clear message", async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "portcullis.lock"), String(process.pid));
  const r = await startServer({ PORTCULLIS_DATA_DIR: dir, PORT: "39999" });
  assert.notEqual(r.code, 0);
  assert.match(r.output, /in use by another Portcullis process/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("output whose reader is gone (a closed pipe) is dropped: no uncaught errors, no spinning, SIGTERM still stops it", async () => {
  const report = path.join(tmp(), "uncaught");
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/closed-output-child.ts", report], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((r) => child.stdout.once("data", () => r()));
  // The reader goes away: every further write fails with EPIPE.
  child.stdout.destroy();
  child.stderr.destroy();
  await new Promise((r) => setTimeout(r, 500));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  assert.equal(await exited, 0, "stopped by SIGTERM");
  clearTimeout(timer);
  assert.equal(fs.readFileSync(report, "utf8"), "0", "no write error became an uncaught exception");
});
