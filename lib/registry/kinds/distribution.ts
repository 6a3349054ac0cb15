import {
  corsHeadersSection,
  fullConfig,
  htpasswdAuthSection,
  notificationsSection,
  tokenAuthSection,
} from "../config-yaml";
import { readConfig, readManifest, readTagPage, summarizeTag } from "../registry-reader";
import { checkCors, checkRegistry } from "./distribution-check";
import type { RegistryKind } from "./types";

/** CNCF Distribution (registry:2, Debian's docker-registry): token auth, htpasswd, notifications, the /v2/ API. */
export const distribution: RegistryKind & { id: "distribution" } = {
  id: "distribution",
  label: "CNCF Distribution (registry:2, docker-registry)",
  config(service, around, r) {
    const auth =
      r.mode === "token"
        ? ({ mode: "token", realm: around.realm, service, issuer: around.issuer, bundlePath: r.bundlePath } as const)
        : ({ mode: "htpasswd", path: r.htpasswdPath } as const);
    return {
      sections: {
        auth: auth.mode === "token" ? tokenAuthSection(auth) : htpasswdAuthSection({ path: auth.path }),
        cors: corsHeadersSection(around.origin),
        notifications: notificationsSection(around.notifications),
      },
      full: fullConfig({
        addr: r.addr,
        storageDir: r.storageDir,
        auth,
        corsOrigin: around.origin,
        notifications: around.notifications,
      }),
    };
  },
  check: checkRegistry,
  checkCors,
  reader: {
    catalogPath: (n, last) => `/v2/_catalog?n=${n}${last ? `&last=${encodeURIComponent(last)}` : ""}`,
    manifestPath: (repository, reference) => `/v2/${repository}/manifests/${reference}`,
    readTagPage,
    summarizeTag,
    readManifest,
    readConfig,
  },
};
