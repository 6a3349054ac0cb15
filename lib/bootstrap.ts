import crypto from "node:crypto";
import net from "node:net";
import { isPrivateAddress } from "./net/outbound";
import { appendAudit } from "./audit/write";
import { hashPassword } from "./auth/password";
import { transaction } from "./db/client";
import { lockForTransaction } from "./db/locks";
import { countRegistries, createRegistry } from "./db/registries";
import { countUsers, createUser } from "./db/users";
import { ConfigError, type Env } from "./config/env";
import { activeSigner, ensureSigningKey } from "./token-server/signer";
import { SecretBoxError } from "./crypto/secret-box";

const BOOTSTRAP_LOCK = "bootstrap";

/**
 * First start: the administrator `admin` (password from PORTCULLIS_ADMIN_PASSWORD, else a random
 * one printed once), the default registry, and a signing key. Never a fixed default password.
 */
export async function bootstrap(e: Env, print: (line: string) => void = console.log): Promise<void> {
  if ((await countUsers()) === 0) {
    const given = e.PORTCULLIS_ADMIN_PASSWORD;
    const password = given ?? crypto.randomBytes(18).toString("base64url");
    const passwordHash = await hashPassword(password);
    const created = await transaction(async (tx) => {
      // Replicas starting together on one database: one creates the admin, the others find it.
      await lockForTransaction(tx, BOOTSTRAP_LOCK);
      if ((await countUsers(tx)) > 0) return false;
      const admin = await createUser(tx, {
        username: "admin",
        passwordHash,
        role: "admin",
        displayName: "Administrator",
      });
      await appendAudit(tx, [
        {
          actorKind: "system",
          actorName: "portcullis",
          action: "user.create",
          outcome: "success",
          details: { username: admin.username, role: "admin", bootstrap: true },
        },
      ]);
      return true;
    });
    if (created && !given) {
      print("");
      print("  Portcullis created the administrator account:");
      print(`    username: admin`);
      print(`    password: ${password}`);
      print("  This password is shown only once. Sign in and change it under Settings.");
      print("");
    }
  }
  if ((await countRegistries()) === 0) {
    await transaction(async (tx) => {
      await lockForTransaction(tx, BOOTSTRAP_LOCK);
      if ((await countRegistries(tx)) > 0) return;
      // The operator named this URL in the environment; a loopback or private one (the usual
      // same-host setup) may be probed. Registries added in the console start with this off.
      const host = new URL(e.PORTCULLIS_REGISTRY_URL).hostname.replace(/^\[|\]$/g, "");
      const local = host === "localhost" || (net.isIP(host) > 0 && isPrivateAddress(host));
      const reg = await createRegistry(tx, {
        name: "default",
        url: e.PORTCULLIS_REGISTRY_URL,
        service: e.PORTCULLIS_REGISTRY_SERVICE,
        allowPrivateNetwork: local,
      });
      await appendAudit(tx, [
        {
          actorKind: "system",
          actorName: "portcullis",
          action: "registry.create",
          outcome: "success",
          details: { name: reg.name, url: reg.url, service: reg.service },
        },
      ]);
    });
  }
  await ensureSigningKey();
  // A replica started without the key the others use could not sign a single token: say so now.
  try {
    await activeSigner();
  } catch (err) {
    if (err instanceof SecretBoxError) {
      throw new ConfigError(
        "The token-signing keys in this database were encrypted with another key. Start every instance with the same " +
          "PORTCULLIS_ENCRYPTION_KEY (or the same data/secrets.json) as the one that created them; restore that key from your backup.",
      );
    }
    throw err;
  }
}
