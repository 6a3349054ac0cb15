import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where the helper keeps what it signs in with: the desktop keyring through `secret-tool`
 * (libsecret's Secret Service client) when one answers, else a 0600 file under the user's
 * config directory. The file always holds the non-secret part (username, token service), so
 * `list` needs no keyring. PORTCULLIS_CREDENTIAL_STORE=file|keyring forces a choice.
 */
export interface Entry {
  username: string;
  /** In the file only when the keyring was not used. */
  secret?: string;
  keyring?: boolean;
  /** The token endpoint and service the registry named, when known (device login). */
  realm?: string;
  service?: string;
}
interface FileShape {
  version: 1;
  registries: Record<string, Entry>;
}

const KEYRING_DEADLINE_MS = 10_000;

export function storeFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PORTCULLIS_CREDENTIALS_FILE) return env.PORTCULLIS_CREDENTIALS_FILE;
  const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(config, "portcullis", "credentials.json");
}

function readFile(file: string): FileShape {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as FileShape;
    if (v?.version === 1 && v.registries && typeof v.registries === "object") return v;
    throw new Error(`${file} is not a Portcullis credentials file: move it away and sign in again`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, registries: {} };
    if (err instanceof SyntaxError) throw new Error(`${file} is damaged (not JSON): move it away and sign in again`);
    throw err;
  }
}

/** Written whole to a 0600 temporary file in a 0700 directory, then renamed: never half-written, never readable by others. */
function writeFile(file: string, data: FileShape): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function secretTool(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const r = spawnSync("secret-tool", args, { input, env, encoding: "utf8", timeout: KEYRING_DEADLINE_MS });
  return { ok: r.status === 0 && !r.error, out: r.stdout ?? "", err: (r.stderr ?? "").trim() || r.error?.message };
}

const attrs = (key: string) => ["service", "portcullis", "registry", key];

/** Whether to try the keyring: asked for, or a session bus and secret-tool are there. */
function wantsKeyring(env: NodeJS.ProcessEnv): boolean {
  const choice = env.PORTCULLIS_CREDENTIAL_STORE;
  if (choice === "file") return false;
  if (choice === "keyring") return true;
  return Boolean(env.DBUS_SESSION_BUS_ADDRESS) && spawnSync("sh", ["-c", "command -v secret-tool"]).status === 0;
}

export class CredentialStore {
  readonly file: string;
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.file = storeFile(env);
  }

  get(key: string): (Entry & { secret: string }) | null {
    const e = readFile(this.file).registries[key];
    if (!e) return null;
    if (!e.keyring) return e.secret ? { ...e, secret: e.secret } : null;
    const r = secretTool(["lookup", ...attrs(key)], this.env);
    if (!r.ok) throw new Error(`the desktop keyring did not answer (${r.err ?? "no secret"}): sign in again`);
    return { ...e, secret: r.out.replace(/\n$/, "") };
  }

  list(): Record<string, Entry> {
    return readFile(this.file).registries;
  }

  /** Saves the entry; returns where the secret went, in words for the person. */
  put(key: string, entry: Entry & { secret: string }): string {
    const data = readFile(this.file);
    const { secret, ...meta } = entry;
    let where: string;
    let stored: Entry;
    const keyringRefusal = this.tryKeyring(key, secret);
    if (keyringRefusal === null) {
      stored = { ...meta, keyring: true };
      where = "the desktop keyring (Secret Service)";
    } else {
      if (this.env.PORTCULLIS_CREDENTIAL_STORE === "keyring")
        throw new Error(`the desktop keyring refused the secret: ${keyringRefusal}`);
      stored = { ...meta, secret };
      where = `${this.file} (readable by you only)`;
    }
    data.registries[key] = stored;
    writeFile(this.file, data);
    return where;
  }

  /** Removes the entry; returns it (with its secret when it could be read) or null when there was none. */
  erase(key: string): (Entry & { secret?: string }) | null {
    const data = readFile(this.file);
    const e = data.registries[key];
    if (!e) return null;
    let secret = e.secret;
    if (e.keyring) {
      const r = secretTool(["lookup", ...attrs(key)], this.env);
      if (r.ok) secret = r.out.replace(/\n$/, "");
      secretTool(["clear", ...attrs(key)], this.env);
    }
    delete data.registries[key];
    writeFile(this.file, data);
    return { ...e, secret };
  }

  /** Null when the secret is in the keyring now; otherwise why not. */
  private tryKeyring(key: string, secret: string): string | null {
    if (!wantsKeyring(this.env)) return "not used";
    const r = secretTool(
      ["store", `--label=Portcullis registry credentials for ${key}`, ...attrs(key)],
      this.env,
      secret,
    );
    return r.ok ? null : (r.err ?? "failed");
  }
}
