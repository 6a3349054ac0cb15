import crypto from "node:crypto";
import { env } from "../config/env";
import { registryKind, type ConfigRequest, type RegistryTarget, type Surroundings } from "../registry/kinds";
import { runtimeSecrets } from "../runtime-secrets";
import { metrics } from "../metrics/instruments";

/** The secret a registry's notifications carry: derived per service, so nothing extra is stored and every instance agrees. */
export function notificationSecret(service: string): string {
  return crypto
    .createHmac("sha256", runtimeSecrets().encryptionKey)
    .update(`registry-notifications\0${service}`)
    .digest("base64url");
}

/** Where this Portcullis is, as every registry must be told (the token realm, issuer, origin, notifications). */
export function surroundings(service: string): Surroundings {
  const e = env();
  return {
    realm: `${e.publicUrl}/api/registry/token`,
    issuer: e.PORTCULLIS_ISSUER,
    origin: new URL(e.publicUrl).origin,
    notifications: {
      url: `${e.internalUrl}/api/registry/events?service=${encodeURIComponent(service)}`,
      secret: notificationSecret(service),
    },
  };
}

/** Everything the Registry page shows for one registry: each section with what it does, and the full file. */
export function registryConfig(registry: { service: string; kind: string }, r: ConfigRequest) {
  return registryKind(registry.kind).config(registry.service, surroundings(registry.service), r);
}

/** Probes one registry with its kind's checks. */
export async function checkRegistry(registry: RegistryTarget & { kind: string }) {
  const results = await registryKind(registry.kind).check(registry, surroundings(registry.service));
  for (const r of results) metrics().registryChecks.inc({ check: r.check, status: r.status });
  return results;
}
