import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "./env";

/** Creates ./data (owner-only) or explains why it cannot be used. */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    throw new ConfigError(
      `The data directory ${dir} cannot be used (${(err as NodeJS.ErrnoException).code ?? err}). ` +
        `Make it writable by this user or set PORTCULLIS_DATA_DIR to another directory.`,
    );
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One process at a time may open the embedded database: a second one would corrupt it.
 * The lock holds the owner's pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, "portcullis.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) {
        throw new ConfigError(
          `The data directory ${dir} is in use by another Portcullis process (pid ${owner}). ` +
            `Stop it first, or set PORTCULLIS_DATA_DIR to another directory.`,
        );
      }
      fs.unlinkSync(file); // stale lock from a process that is gone
    }
  }
  throw new ConfigError(`Could not lock the data directory ${dir}.`);
}
