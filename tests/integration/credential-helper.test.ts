// docker-credential-portcullis with the real clients: signed in by the device flow (approved
// through the console's own service), then docker (credHelpers in config.json) and skopeo
// (credHelpers in auth.json) push and pull with no `docker login` at all and nothing secret in
// their configuration. Revoking the device in the console stops the machine; logout and erase end
// it at Portcullis; denial, expiry and an unreachable Portcullis give clear messages, never a hang.
// The single executable (Node SEA) serves docker, the script serves skopeo; the desktop keyring is
// a real gnome-keyring on a private D-Bus session.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { actorOf } from "../../lib/audit/actor";
import { db } from "../../lib/db/client";
import { credentialHelperSnippets } from "../../lib/registry/machine-setup";
import { hashToken } from "../../lib/registry/pat";
import { approveDevice, denyDevice } from "../../lib/services/devices";
import { signOutClients } from "../../lib/services/my-access";
import { buildCredentialHelper, HELPER, seaName } from "../../scripts/build-credential-helper";
import { startDockerd, type TestDocker } from "../helpers/docker";
import { makePusher, makeUser } from "../helpers/factories";
import { freePort, run } from "../helpers/processes";
import { buildTestImage, skopeoCopy } from "../helpers/registry";
import { registryForFile } from "../helpers/token-server";

const SERVICE = "helper-registry";
const LOCAL = "local/hello:v1";
let d: TestDocker;
let image: string;
const bins = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-helper-"));
const seaDir = path.join(bins, "sea");
const scriptDir = path.join(bins, "script");

const ctx = registryForFile(SERVICE, async () => {
  const built = await buildCredentialHelper(path.join(bins, "out"), { sea: true });
  for (const [dir, file] of [
    [seaDir, built.exe!],
    [scriptDir, built.script],
  ]) {
    fs.mkdirSync(dir);
    fs.symlinkSync(file, path.join(dir, HELPER));
  }
  d = await startDockerd();
  image = await buildTestImage("helper\n");
  const archive = path.join(d.dir, "hello.tar");
  assert.equal(
    (await run("skopeo", ["copy", "--insecure-policy", image, `docker-archive:${archive}:${LOCAL}`])).code,
    0,
  );
  assert.equal((await d.docker(["load", "-i", archive])).code, 0);
});
after(async () => {
  await d?.stop();
  fs.rmSync(bins, { recursive: true, force: true });
});

/** One machine: its own home (where the helper keeps the file store) and client configuration. */
function machine(binDir = seaDir) {
  const home = fs.mkdtempSync(path.join(bins, "home-"));
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: `${binDir}:${process.env.PATH}`,
    HOME: home,
    DOCKER_HOST: d.env.DOCKER_HOST,
    DOCKER_CONFIG: path.join(home, ".docker"),
    REGISTRY_AUTH_FILE: path.join(home, "auth.json"),
  };
  fs.mkdirSync(env.DOCKER_CONFIG!);
  const helper = (args: string[], input = "", timeoutMs = 60_000) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(HELPER, args, { env, timeout: timeoutMs });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(input);
    });
  return {
    home,
    env,
    helper,
    credentialsFile: path.join(home, ".config", "portcullis", "credentials.json"),
    docker: (args: string[]) => run("docker", args, { env, timeoutMs: 120_000 }),
    /** What "Set up my machine" tells people to put in config.json and auth.json, verbatim. */
    useHelperFor: (host: string) => {
      const shown = credentialHelperSnippets({ host, plainHttp: true, consoleUrl: ctx.url });
      const text = (id: string) => shown.find((x) => x.id === id)!.text;
      fs.writeFileSync(path.join(env.DOCKER_CONFIG!, "config.json"), text("helper-docker"));
      fs.writeFileSync(env.REGISTRY_AUTH_FILE!, text("helper-podman"));
    },
    /** `login` until it shows its code; then `answer` (the person in the console); then its end. */
    async login(answer: (userCode: string) => Promise<unknown>, extra: string[] = []) {
      // The command "Set up my machine" shows, as shown (plus --no-browser: no one is at this machine).
      const shown = credentialHelperSnippets({ host: ctx.registry.host, plainHttp: true, consoleUrl: ctx.url });
      const [program, ...args] = shown.find((x) => x.id === "helper-login")!.text.split(" ");
      assert.equal(program, HELPER);
      const child = spawn(HELPER, [...args, "--no-browser", ...extra], { env });
      let stderr = "";
      const code = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (c) => {
          stderr += c;
          const m = /enter the code\s+([A-Z]{4}-[A-Z]{4})/.exec(stderr);
          if (m) resolve(m[1]);
        });
        child.on("close", () => reject(new Error(`login ended before showing a code: ${stderr}`)));
      });
      await answer(code);
      const exit = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
      return { code: exit, stderr, userCode: code };
    },
  };
}

async function tagAndPush(m: ReturnType<typeof machine>, repo: string) {
  const ref = `${ctx.registry.host}/${repo}:v1`;
  await m.docker(["tag", LOCAL, ref]);
  return { ref, pushed: await m.docker(["push", ref]) };
}

test("docker pushes and pulls through credHelpers after a device login: nothing secret in config.json", async () => {
  const u = await makePusher();
  const m = machine();
  m.useHelperFor(ctx.registry.host);
  const signedIn = await m.login((code) => approveDevice(u.caller, code, {}, actorOf(u.caller)));
  assert.equal(signedIn.code, 0, signedIn.stderr);
  assert.match(
    signedIn.stderr,
    new RegExp(
      `Signed in to ${ctx.registry.host} as ${u.username}\\. The secret is kept in .*credentials\\.json \\(readable by you only\\)`,
    ),
  );
  assert.equal(fs.statSync(m.credentialsFile).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(m.credentialsFile)).mode & 0o777, 0o700);

  const { ref, pushed } = await tagAndPush(m, `${u.username}/app`);
  assert.equal(pushed.code, 0, pushed.stderr);
  assert.equal((await m.docker(["rmi", ref])).code, 0);
  const pulled = await m.docker(["pull", ref]);
  assert.equal(pulled.code, 0, pulled.stderr);
  const config = fs.readFileSync(path.join(m.env.DOCKER_CONFIG!, "config.json"), "utf8");
  assert.doesNotMatch(config, /pcf_|identitytoken|"auth"/, "no password, no token in config.json");

  const got = await m.helper(["get"], ctx.registry.host);
  assert.equal(got.code, 0);
  const creds = JSON.parse(got.stdout);
  assert.equal(creds.Username, "<token>");
  assert.match(creds.Secret, /^pcf_/);
  const row = await db().refreshToken.findUniqueOrThrow({ where: { secretHash: hashToken(creds.Secret) } });
  assert.equal(row.origin, "device");
  assert.equal(row.deviceName, os.hostname());
  assert.deepEqual(JSON.parse((await m.helper(["list"])).stdout), { [ctx.registry.host]: "<token>" });

  // The person signs the machine out in the console: its next push fails at once.
  await signOutClients(u.id, actorOf(u.caller), row.id);
  const after = await tagAndPush(m, `${u.username}/again`);
  assert.notEqual(after.pushed.code, 0);
  assert.match(after.pushed.stderr, /unauthorized|authentication required|denied/i);

  // docker logout erases through the helper; get then answers as the protocol says.
  assert.equal((await m.docker(["logout", ctx.registry.host])).code, 0);
  const gone = await m.helper(["get"], ctx.registry.host);
  assert.equal(gone.code, 1);
  assert.equal(gone.stdout.trim(), "credentials not found in native keychain");
});

test("skopeo with credHelpers in auth.json, within the scopes chosen at approval; logout ends it at Portcullis", async () => {
  const u = await makePusher();
  const m = machine(scriptDir);
  m.useHelperFor(ctx.registry.host);
  const signedIn = await m.login(
    (code) =>
      approveDevice(
        u.caller,
        code,
        { scopes: [{ repository: `${u.username}/only`, actions: ["pull", "push"] }], lifetimeDays: 3 },
        actorOf(u.caller),
      ),
    ["--scope", `repository:${u.username}/only:pull,push`],
  );
  assert.equal(signedIn.code, 0, signedIn.stderr);
  const requested = await db().deviceAuthorization.findFirstOrThrow({ where: { userId: u.id } });
  assert.deepEqual(requested.requestedScopes, [{ repository: `${u.username}/only`, actions: ["pull", "push"] }]);

  const copy = (repo: string) =>
    run(
      "skopeo",
      ["copy", "--insecure-policy", "--dest-tls-verify=false", image, `docker://${ctx.registry.host}/${repo}:v1`],
      { env: { ...process.env, ...m.env }, timeoutMs: 120_000 },
    );
  const ok = await copy(`${u.username}/only`);
  assert.equal(ok.code, 0, ok.stderr);
  const outside = await copy(`${u.username}/other`);
  assert.notEqual(outside.code, 0, "the device's scopes hold where its owner could push");

  const secret = JSON.parse((await m.helper(["get"], `https://${ctx.registry.host}`)).stdout).Secret as string;
  const out = await m.helper(["logout", ctx.registry.host]);
  assert.equal(out.code, 0);
  assert.match(out.stderr, /Signed out of .*Portcullis ended this machine's sign-in/);
  const row = await db().refreshToken.findUniqueOrThrow({ where: { secretHash: hashToken(secret) } });
  assert.ok(row.revokedAt, "revoked at Portcullis, not only forgotten here");
  assert.notEqual((await copy(`${u.username}/only`)).code, 0);
});

test("docker login with credHelpers: the refresh token goes to the helper, not config.json", async () => {
  const u = await makePusher();
  const m = machine();
  m.useHelperFor(ctx.registry.host);
  const logged = await m.docker(["login", ctx.registry.host, "-u", u.username, "-p", u.password]);
  assert.equal(logged.code, 0, logged.stderr);
  assert.doesNotMatch(
    fs.readFileSync(path.join(m.env.DOCKER_CONFIG!, "config.json"), "utf8"),
    /pcf_|identitytoken|"auth"/,
  );
  assert.match(fs.readFileSync(m.credentialsFile, "utf8"), /"username": "<token>"[\s\S]*"secret": "pcf_/);
  assert.equal((await tagAndPush(m, `${u.username}/via-login`)).pushed.code, 0);

  // erase (what docker logout calls) also ends the refresh token at Portcullis, found through the registry.
  const secret = JSON.parse((await m.helper(["get"], ctx.registry.host)).stdout).Secret as string;
  assert.equal((await m.helper(["erase"], ctx.registry.host)).code, 0);
  assert.ok((await db().refreshToken.findUniqueOrThrow({ where: { secretHash: hashToken(secret) } })).revokedAt);
});

test("denied and expired sign-ins end the login with the reason", async () => {
  const u = await makeUser();
  const m = machine(scriptDir);
  const denied = await m.login((code) => denyDevice(u.caller, code, actorOf(u.caller)));
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /The sign-in was denied in the console\./);
  assert.equal(fs.existsSync(m.credentialsFile), false, "nothing stored");

  const expired = await m.login((code) =>
    db().deviceAuthorization.update({
      where: { userCode: code.replace("-", "") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    }),
  );
  assert.equal(expired.code, 1);
  assert.match(expired.stderr, /The code expired before it was approved: run login again\./);
});

test("an unreachable Portcullis or registry: clear messages within the deadline, never a hang", async () => {
  const m = machine(scriptDir);
  const dead = `127.0.0.1:${await freePort()}`;
  const started = Date.now();
  const login = await m.helper(["login", dead, "--no-browser"]);
  assert.equal(login.code, 1);
  assert.match(login.stderr, new RegExp(`http://${dead.replace(/\./g, "\\.")} cannot be reached \\(ECONNREFUSED\\)`));
  assert.ok(Date.now() - started < 30_000);

  // A stored refresh token whose Portcullis is gone: forgotten here, and the person told what to do.
  fs.mkdirSync(path.dirname(m.credentialsFile), { recursive: true });
  const entry = { username: "<token>", secret: "pcf_x", realm: `http://${dead}/api/registry/token`, service: "s" };
  fs.writeFileSync(m.credentialsFile, JSON.stringify({ version: 1, registries: { [dead]: entry } }), { mode: 0o600 });
  const erased = await m.helper(["erase"], dead);
  assert.equal(erased.code, 0);
  assert.match(erased.stderr, /Portcullis could not be told .*sign this machine out under Tokens/);
  assert.equal((await m.helper(["get"], dead)).code, 1);

  fs.writeFileSync(m.credentialsFile, "{ damaged");
  const damaged = await m.helper(["get"], dead);
  assert.equal(damaged.code, 1);
  assert.match(damaged.stdout, /is damaged \(not JSON\): move it away and sign in again/);
});

test("the protocol's edges, --version and --help, the same from the single executable and the script", async () => {
  for (const dir of [seaDir, scriptDir]) {
    const m = machine(dir);
    assert.match((await m.helper(["--version"])).stdout, /^docker-credential-portcullis \d+\.\d+\.\d+\n$/);
    assert.match((await m.helper(["--help"])).stdout, /credHelpers/);
    const bad = await m.helper(["frobnicate"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown command "frobnicate"/);
    assert.match((await m.helper(["store"], "not json")).stdout, /store expects a JSON object/);
    const stored = await m.helper(
      ["store"],
      JSON.stringify({ ServerURL: "https://Reg.Example:5000/v2/", Username: "ann", Secret: "pw" }),
    );
    assert.equal(stored.code, 0, stored.stdout);
    assert.deepEqual(JSON.parse((await m.helper(["get"], "reg.example:5000")).stdout), {
      ServerURL: "reg.example:5000",
      Username: "ann",
      Secret: "pw",
    });
    assert.equal((await m.helper(["erase"], "reg.example:5000")).code, 0);
    assert.equal(
      (await m.helper(["erase"], "reg.example:5000")).stdout.trim(),
      "credentials not found in native keychain",
    );
  }
  assert.ok(fs.statSync(path.join(bins, "out", seaName())).size > 10_000_000, "a whole Node runtime inside");
});

let keyringHome: string;
before(() => (keyringHome = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-keyring-"))));
after(() => fs.rmSync(keyringHome, { recursive: true, force: true }));

test("with a desktop keyring the secret lives there, and the file only names the registry", async () => {
  const script = [
    "echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
    `echo '{"ServerURL":"reg.example","Username":"<token>","Secret":"pcf_in_the_keyring"}' | ${HELPER} store`,
    `echo reg.example | ${HELPER} get`,
    `cat "$HOME/.config/portcullis/credentials.json"`,
    `echo reg.example | ${HELPER} erase; echo "erase=$?"`,
    'secret-tool lookup service portcullis registry reg.example; echo "lookup=$?"',
  ].join("\n");
  const r = await run("dbus-run-session", ["--", "sh", "-c", script], {
    env: { NODE_ENV: "test", PATH: `${seaDir}:${process.env.PATH}`, HOME: keyringHome },
    timeoutMs: 60_000,
  });
  assert.match(r.stdout, /"Secret":"pcf_in_the_keyring"/, r.stderr);
  const file = r.stdout.slice(r.stdout.indexOf("{\n"));
  assert.match(file, /"keyring": true/);
  assert.doesNotMatch(file, /pcf_in_the_keyring/, "the file holds no secret");
  assert.match(r.stdout, /erase=0/);
  assert.match(r.stdout, /lookup=1/, "erase cleared the keyring too");
});
