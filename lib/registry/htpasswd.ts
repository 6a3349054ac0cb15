import bcrypt from "bcryptjs";

/**
 * The registry's htpasswd file: one `name:$2y$…` line per account. Distribution accepts only
 * bcrypt, and only the `$2y$` spelling Apache's htpasswd writes (the same algorithm as `$2a$/$2b$`).
 */
export const BCRYPT_COST = 10;
/** bcrypt reads at most 72 bytes of a password; a longer one would be silently truncated. */
export const BCRYPT_MAX_BYTES = 72;

export class HtpasswdError extends Error {}

/** Names must survive the file format: no ":" (the separator), no whitespace, no control characters. */
export function checkHtpasswdName(name: string): void {
  if (name.length === 0 || name.length > 255)
    throw new HtpasswdError(`"${name.slice(0, 40)}": a name must have 1 to 255 characters`);
  if (/[:\s\p{Cc}\p{Cf}]/u.test(name))
    throw new HtpasswdError(
      `"${JSON.stringify(name).slice(1, -1)}": names in an htpasswd file cannot contain ":", spaces, line breaks or control characters`,
    );
}

export function checkHtpasswdPassword(name: string, password: string): void {
  if (password.length === 0) throw new HtpasswdError(`${name}: the password is empty`);
  if (Buffer.byteLength(password) > BCRYPT_MAX_BYTES)
    throw new HtpasswdError(
      `${name}: the password is longer than bcrypt's ${BCRYPT_MAX_BYTES} bytes and would be truncated`,
    );
  if (/[\r\n]/.test(password)) throw new HtpasswdError(`${name}: the password contains a line break`);
}

/** Async: bcryptjs then yields between rounds, so generating a large file never stalls the event loop. */
export async function htpasswdLine(name: string, password: string, cost = BCRYPT_COST): Promise<string> {
  checkHtpasswdName(name);
  checkHtpasswdPassword(name, password);
  const hash = (await bcrypt.hash(password, cost)).replace(/^\$2[ab]\$/, "$2y$");
  return `${name}:${hash}`;
}

/** The whole file; duplicate names are refused (the registry would silently take one of them). */
export async function htpasswdFile(
  entries: readonly { name: string; password: string }[],
  cost = BCRYPT_COST,
): Promise<string> {
  const seen = new Set<string>();
  for (const e of entries) {
    checkHtpasswdName(e.name);
    checkHtpasswdPassword(e.name, e.password);
    if (seen.has(e.name)) throw new HtpasswdError(`"${e.name}" appears twice`);
    seen.add(e.name);
  }
  const lines: string[] = [];
  for (const e of entries) lines.push(await htpasswdLine(e.name, e.password, cost));
  return lines.join("\n") + (lines.length ? "\n" : "");
}

/** Parses a file back into name → hash, refusing anything the registry would misread. */
export function parseHtpasswd(text: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const m = /^([^:]+):(\$2y\$\d\d\$[./A-Za-z0-9]{53})$/.exec(line);
    if (!m) throw new HtpasswdError(`line ${i + 1} is not "name:$2y$…" bcrypt`);
    if (out.has(m[1])) throw new HtpasswdError(`line ${i + 1}: "${m[1]}" appears twice`);
    out.set(m[1], m[2]);
  });
  return out;
}

export function verifyHtpasswd(hash: string, password: string): boolean {
  return bcrypt.compareSync(password, hash.replace(/^\$2y\$/, "$2b$"));
}
