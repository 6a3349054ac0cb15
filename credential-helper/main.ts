import { spawn } from "node:child_process";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { NOT_FOUND, parseStoreInput, registryKey, TOKEN_USERNAME, tokenSubject } from "./protocol";
import { discover, pollOnce, RemoteError, requestDeviceCode, revoke, setVersion } from "./remote";
import { CredentialStore } from "./store";

declare const __PORTCULLIS_VERSION__: string | undefined;
export const VERSION = typeof __PORTCULLIS_VERSION__ === "string" ? __PORTCULLIS_VERSION__ : "dev";

export const HELP = `docker-credential-portcullis ${VERSION}: sign machines in to registries that use Portcullis,
with no password and no token in ~/.docker/config.json.

  docker-credential-portcullis login REGISTRY [--scope SCOPE] [--no-browser] [--plain-http]
      Sign this machine in: shows a code to approve in the Portcullis console (a browser opens
      when one is available). SCOPE limits what you are asked to approve, e.g.
      "repository:team/*:pull,push" (the console lets you choose either way).
  docker-credential-portcullis logout REGISTRY
      Sign this machine out: the console's record of it ends too.

Then tell docker (~/.docker/config.json) or podman/skopeo (auth.json) to ask this program:
  { "credHelpers": { "REGISTRY": "portcullis" } }

The credential-helper protocol (what docker, podman, buildah and skopeo call):
  get | store | erase | list      reading standard input as they expect
  --version, --help

Secrets are kept in the desktop keyring (secret-tool) when one answers, else in
~/.config/portcullis/credentials.json readable by you only; PORTCULLIS_CREDENTIAL_STORE=file|keyring
forces a choice.`;

export interface Io {
  stdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

class Usage extends Error {}
const PROTOCOL = new Set(["get", "store", "erase", "list"]);

export async function main(argv: string[], io: Io): Promise<number> {
  setVersion(VERSION);
  const [command, ...rest] = argv;
  const store = new CredentialStore(io.env);
  try {
    switch (command) {
      case "get":
        return get(store, (await io.stdin()).trim(), io);
      case "store": {
        const c = parseStoreInput(await io.stdin());
        const key = registryKey(c.ServerURL);
        const prior = safeList(store)[key];
        store.put(key, {
          username: c.Username,
          secret: c.Secret,
          ...(prior?.realm ? { realm: prior.realm, service: prior.service } : {}),
        });
        return 0;
      }
      case "erase":
        return erase(store, registryKey((await io.stdin()).trim()), io, false);
      case "list":
        io.out(
          JSON.stringify(Object.fromEntries(Object.entries(store.list()).map(([k, e]) => [k, e.username]))) + "\n",
        );
        return 0;
      case "login":
        return await login(store, rest, io);
      case "logout":
        if (rest.length !== 1) throw new Usage("logout needs one REGISTRY");
        return erase(store, registryKey(rest[0]), io, true);
      case "--version":
      case "version":
        io.out(`docker-credential-portcullis ${VERSION}\n`);
        return 0;
      case "--help":
      case "-h":
      case "help":
        io.out(`${HELP}\n`);
        return 0;
      default:
        throw new Usage(command ? `unknown command "${command}"` : "a command is required");
    }
  } catch (err) {
    if (err instanceof Usage) {
      io.err(`docker-credential-portcullis: ${err.message}\n\n${HELP}\n`);
      return 2;
    }
    // docker and skopeo show what a protocol command prints on stdout when it fails; people read stderr.
    if (PROTOCOL.has(command)) io.out(`${(err as Error).message}\n`);
    else io.err(`docker-credential-portcullis: ${(err as Error).message}\n`);
    return 1;
  }
}

const safeList = (store: CredentialStore) => {
  try {
    return store.list();
  } catch {
    return {};
  }
};

function get(store: CredentialStore, serverUrl: string, io: Io): number {
  const e = store.get(registryKey(serverUrl));
  if (!e) {
    io.out(`${NOT_FOUND}\n`);
    return 1;
  }
  io.out(JSON.stringify({ ServerURL: serverUrl, Username: e.username, Secret: e.secret }) + "\n");
  return 0;
}

/** Forgets the registry's credentials here and, for a refresh token, ends it at Portcullis (best effort, with a deadline). */
async function erase(store: CredentialStore, key: string, io: Io, speak: boolean): Promise<number> {
  const e = store.erase(key);
  if (!e) {
    if (speak) io.err(`not signed in to ${key} on this machine\n`);
    else io.out(`${NOT_FOUND}\n`);
    return speak ? 0 : 1;
  }
  if (e.username === TOKEN_USERNAME && e.secret) {
    try {
      const realm = e.realm ?? (await discover(key)).realm;
      await revoke(realm, e.secret);
      if (speak) io.err(`Signed out of ${key}; Portcullis ended this machine's sign-in.\n`);
    } catch (err) {
      io.err(
        `Forgot the credentials for ${key} here, but Portcullis could not be told (${(err as Error).message}): ` +
          `sign this machine out under Tokens in the console.\n`,
      );
    }
  } else if (speak) io.err(`Forgot the credentials for ${key} on this machine.\n`);
  return 0;
}

function openBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  const opener = process.platform === "darwin" ? "open" : env.DISPLAY || env.WAYLAND_DISPLAY ? "xdg-open" : null;
  if (!opener) return false;
  try {
    const child = spawn(opener, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

async function login(store: CredentialStore, args: string[], io: Io): Promise<number> {
  let registry: string | undefined;
  let scope: string | undefined;
  let browser = true;
  let plainHttp = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--scope") scope = args[++i];
    else if (a === "--no-browser") browser = false;
    else if (a === "--plain-http") plainHttp = true;
    else if (!a.startsWith("-") && !registry) registry = a;
    else throw new Usage(`unknown argument "${a}"`);
  }
  if (!registry) throw new Usage("login needs a REGISTRY (host[:port])");
  const key = registryKey(registry);
  const { realm, service } = await discover(key, plainHttp);
  const code = await requestDeviceCode(realm, service, { scope, deviceName: os.hostname().slice(0, 100) });
  const link = code.verification_uri_complete ?? code.verification_uri;
  io.err(
    `To sign this machine in to ${key}, open\n\n    ${code.verification_uri}\n\nand enter the code\n\n    ${code.user_code}\n\n` +
      (browser && openBrowser(link, io.env) ? "(a browser window opened for you)\n" : `or open ${link}\n`) +
      `Waiting for your approval (the code expires in ${Math.round(code.expires_in / 60)} minutes)…\n`,
  );

  let interval = Math.max(1, code.interval);
  const until = Date.now() + code.expires_in * 1000;
  let failures = 0;
  while (Date.now() < until) {
    await sleep(interval * 1000);
    let r;
    try {
      r = await pollOnce(realm, code.device_code);
      failures = 0;
    } catch (err) {
      if (++failures >= 3) throw err;
      continue;
    }
    if (r.done) {
      const where = store.put(key, { username: TOKEN_USERNAME, secret: r.refreshToken, realm, service });
      const who = tokenSubject(r.accessToken);
      io.err(`Signed in to ${key}${who ? ` as ${who}` : ""}. The secret is kept in ${where}.\n`);
      return 0;
    }
    if (r.error === "authorization_pending") continue;
    if (r.error === "slow_down") {
      interval += 5;
      continue;
    }
    const said: Record<string, string> = {
      access_denied: "The sign-in was denied in the console.",
      expired_token: "The code expired before it was approved: run login again.",
    };
    throw new RemoteError(said[r.error] ?? `Portcullis refused the sign-in: ${r.description || r.error}`);
  }
  throw new RemoteError("The code expired before it was approved: run login again.");
}
