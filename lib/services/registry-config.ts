import crypto from "node:crypto";
import { env } from "../config/env";
import {
  fullConfig,
  htpasswdAuthSection,
  tokenAuthSection,
  corsHeadersSection,
  notificationsSection,
} from "../registry/config-yaml";
import { runtimeSecrets } from "../runtime-secrets";

/** The secret a registry's notifications carry: derived per service, so nothing extra is stored and every instance agrees. */
export function notificationSecret(service: string): string {
  return crypto
    .createHmac("sha256", runtimeSecrets().encryptionKey)
    .update(`registry-notifications\0${service}`)
    .digest("base64url");
}

export interface ConfigRequest {
  mode: "token" | "htpasswd";
  bundlePath: string;
  htpasswdPath: string;
  addr: string;
  storageDir: string;
}

/** Everything the Registry page shows for one registry: each section with what it does, and the full file. */
export function registryConfig(registry: { service: string }, r: ConfigRequest) {
  const e = env();
  const origin = new URL(e.publicUrl).origin;
  const realm = `${e.publicUrl}/api/registry/token`;
  const notifications = {
    url: `${e.publicUrl}/api/registry/events?service=${encodeURIComponent(registry.service)}`,
    secret: notificationSecret(registry.service),
  };
  const auth =
    r.mode === "token"
      ? ({
          mode: "token",
          realm,
          service: registry.service,
          issuer: e.PORTCULLIS_ISSUER,
          bundlePath: r.bundlePath,
        } as const)
      : ({ mode: "htpasswd", path: r.htpasswdPath } as const);
  return {
    sections: {
      auth:
        r.mode === "token"
          ? tokenAuthSection(auth as Extract<typeof auth, { mode: "token" }>)
          : htpasswdAuthSection({ path: r.htpasswdPath }),
      cors: corsHeadersSection(origin),
      notifications: notificationsSection(notifications),
    },
    full: fullConfig({ addr: r.addr, storageDir: r.storageDir, auth, corsOrigin: origin, notifications }),
  };
}
