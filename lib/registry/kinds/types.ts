import type { RegistryGet, TagSummary } from "../registry-reader";
import type { ImageConfigSummary, ParsedManifest } from "../manifests";

/** A registry as the kind's code needs it (a row of the Registry table fits). */
export interface RegistryTarget {
  url: string;
  service: string;
  authMode: "token" | "htpasswd";
  allowPrivateNetwork: boolean;
  /** The CA registered for clients (PEM), if any. */
  caCertificate?: string | null;
}

/** Where Portcullis is, as a registry must be told: the token realm, the issuer, the console's origin, notifications. */
export interface Surroundings {
  realm: string;
  issuer: string;
  origin: string;
  notifications: { url: string; secret: string };
}

/** What the operator asks the configuration for. */
export interface ConfigRequest {
  mode: "token" | "htpasswd";
  bundlePath: string;
  htpasswdPath: string;
  addr: string;
  storageDir: string;
}

export interface CheckResult {
  check: "reachable" | "api" | "challenge" | "tls" | "cors";
  status: "ok" | "warn" | "fail" | "skipped";
  detail: string;
  /** What to change, exactly, when status is not ok. */
  fix?: string;
  /** The self-issued CA certificate (PEM) the registry presented, when it is not trusted: offerable to clients. */
  certificate?: string;
}

/**
 * One kind of registry Portcullis works with: how to configure it for Portcullis, how to check it,
 * and how to read its content for browsing. A new kind (zot, Harbor's core, a cloud registry) is a
 * file beside distribution.ts implementing this, and one entry in index.ts.
 */
export interface RegistryKind {
  id: string;
  label: string;
  /** The configuration snippets (auth, CORS, notifications) and a complete minimal file. */
  config(
    service: string,
    around: Surroundings,
    request: ConfigRequest,
  ): { sections: { auth: string; cors: string; notifications: string }; full: string };
  /** Probes the registry the way an operator would by hand; every failure carries its fix. */
  check(registry: RegistryTarget, around: Surroundings): Promise<CheckResult[]>;
  /** Whether a browser on the console's origin may call the registry directly. */
  checkCors(
    registry: Pick<RegistryTarget, "url" | "allowPrivateNetwork">,
    around: Pick<Surroundings, "origin">,
  ): Promise<CheckResult>;
  /** Reading content through the registry's API. */
  reader: {
    catalogPath(n: number, last: string | null): string;
    manifestPath(repository: string, reference: string): string;
    readTagPage(
      get: RegistryGet,
      repository: string,
      n: number,
      last?: string,
    ): Promise<{ tags: string[]; last: string | null } | null>;
    summarizeTag(get: RegistryGet, repository: string, tag: string): Promise<TagSummary>;
    readManifest(
      get: RegistryGet,
      repository: string,
      reference: string,
    ): Promise<{ digest: string; manifest: ParsedManifest }>;
    readConfig(
      get: RegistryGet,
      repository: string,
      manifest: Extract<ParsedManifest, { kind: "image" }>,
    ): Promise<ImageConfigSummary | null>;
  };
}
