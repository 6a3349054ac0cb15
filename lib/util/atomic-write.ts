import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Replaces a file so a reader sees the old content or the new, never a half-written file: the
 * new content goes to a temporary file in the same directory, is flushed, then renamed over.
 */
export function writeFileAtomic(file: string, content: string, mode = 0o640): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new Error(`the directory ${dir} does not exist`);
  const tmp = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(tmp, "wx", mode);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  const dfd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(dfd);
  } finally {
    fs.closeSync(dfd);
  }
}
