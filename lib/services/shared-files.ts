import fs from "node:fs";
import type { Env } from "../config/env";
import { findRegistryByService } from "../db/registries";
import { logger } from "../log";
import { certificateBundle } from "../token-server/signer";
import { writeFileAtomic } from "../util/atomic-write";
import { registryConfig } from "./registry-config";

/**
 * Files a registry next to Portcullis reads (containers sharing a volume): the token-signing
 * certificate bundle (rootcertbundle) and, optionally, the default registry's whole config.yml.
 * Written at start and whenever their content changes (a key rotation on any replica), checked every
 * `everyMs`; only when different, atomically. The bundle is public (0644); the config holds the
 * registry's notification secret (0640: the registry reads it as root or through the group).
 */
async function writeIfChanged(file: string, content: string, mode: number): Promise<boolean> {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === content) return false;
  writeFileAtomic(file, content, mode);
  return true;
}

/** The bundle the registry presenting `service` must trust (its own keys, if it has some; else the shared ones). */
export async function writeBundleFile(file: string, service?: string): Promise<boolean> {
  const registry = service ? await findRegistryByService(service) : null;
  return writeIfChanged(file, await certificateBundle(registry), 0o644);
}

/** The registry's config.yml for `service`: token auth against this Portcullis with the bundle at `bundlePath`. */
export async function writeRegistryConfigFile(file: string, service: string, bundlePath: string): Promise<boolean> {
  const registry = await findRegistryByService(service);
  if (!registry) throw new Error(`no registry presents the service "${service}"`);
  const { full } = registryConfig(registry, {
    mode: "token",
    bundlePath,
    htpasswdPath: "/etc/docker/registry/htpasswd",
    addr: ":5000",
    storageDir: "/var/lib/registry",
  });
  return writeIfChanged(file, full, 0o640);
}

export function scheduleSharedFiles(e: Env, everyMs = 60_000): () => void {
  const certs = e.PORTCULLIS_CERTS_PATH;
  const config = e.PORTCULLIS_REGISTRY_CONFIG_PATH;
  if (!certs && !config) return () => {};
  const run = async () => {
    try {
      if (certs && (await writeBundleFile(certs, e.PORTCULLIS_REGISTRY_SERVICE)))
        logger.info("certificate bundle written", { file: certs });
      if (config) {
        const bundlePath = certs ?? "/etc/docker/registry/portcullis-certs.pem";
        if (await writeRegistryConfigFile(config, e.PORTCULLIS_REGISTRY_SERVICE, bundlePath))
          logger.info("registry config written", { file: config });
      }
    } catch (err) {
      logger.error("writing the registry's files failed", { error: (err as Error).message });
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
