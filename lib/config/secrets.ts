import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError, type Env } from "./env";

const fileSchema = z.object({
  nextauthSecret: z.string().min(32),
  encryptionKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** Keys the verified-credential cache; never leaves the process. */
  cacheKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Secrets = z.infer<typeof fileSchema>;

function generate(): Secrets {
  return {
    nextauthSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKey: crypto.randomBytes(32).toString("hex"),
    cacheKey: crypto.randomBytes(32).toString("hex"),
  };
}

/**
 * Secrets generated on first start and kept in <data>/secrets.json (mode 0600);
 * NEXTAUTH_SECRET and PORTCULLIS_ENCRYPTION_KEY from the environment take precedence.
 */
export function loadSecrets(e: Env): Secrets {
  const file = path.join(e.dataDir, "secrets.json");
  let stored: Secrets;
  if (fs.existsSync(file)) {
    const parsed = fileSchema.safeParse(safeJson(fs.readFileSync(file, "utf8")));
    if (!parsed.success) {
      throw new ConfigError(
        `${file} is corrupt. Restore it from a backup: it holds the key that encrypts the stored signing keys.`,
      );
    }
    stored = parsed.data;
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } else {
    stored = generate();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(stored, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return {
    nextauthSecret: e.NEXTAUTH_SECRET ?? stored.nextauthSecret,
    encryptionKey: (e.PORTCULLIS_ENCRYPTION_KEY ?? stored.encryptionKey).toLowerCase(),
    cacheKey: stored.cacheKey,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
