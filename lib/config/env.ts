import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";

/**
 * Configuration, read and validated once. Every setting has a working default: the console
 * starts with no environment at all (embedded database under ./data).
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "DATABASE_URL must start with postgresql:// (or leave it unset for the embedded database)",
    )
    .optional(),
  PORTCULLIS_DATA_DIR: z.string().default("./data"),
  PORTCULLIS_ADMIN_PASSWORD: z.string().min(8, "PORTCULLIS_ADMIN_PASSWORD must have at least 8 characters").optional(),
  /** The URL people and registries reach Portcullis at (token realm, links). */
  PORTCULLIS_PUBLIC_URL: z.url().optional(),
  /** The URL registries reach Portcullis at for notifications, when it differs from the public one (containers). */
  PORTCULLIS_INTERNAL_URL: z.url().optional(),
  PORTCULLIS_ISSUER: z.string().min(1).default("portcullis"),
  /** The default registry created on first start. */
  PORTCULLIS_REGISTRY_URL: z.url().default("http://127.0.0.1:5000"),
  PORTCULLIS_REGISTRY_SERVICE: z.string().min(1).default("portcullis-registry"),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Where to keep the registry's certificate bundle (rootcertbundle) current, e.g. on a shared volume; unset: download only. */
  PORTCULLIS_CERTS_PATH: z.string().regex(/^\//, "an absolute path").optional(),
  /** Where to keep the default registry's whole config.yml current (token auth with the bundle above, notifications). */
  PORTCULLIS_REGISTRY_CONFIG_PATH: z.string().regex(/^\//, "an absolute path").optional(),
  /** Where "write the htpasswd file" puts it (atomically); unset: download only. */
  PORTCULLIS_HTPASSWD_PATH: z.string().regex(/^\//, "an absolute path").optional(),
  PORTCULLIS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "PORTCULLIS_ENCRYPTION_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  /**
   * The reverse proxies whose X-Forwarded-For / -Host are believed: 0 (none, the default), 1
   * (a proxy on this machine: loopback), or a comma-separated list of addresses, CIDRs and the
   * names loopback, linklocal, uniquelocal.
   */
  PORTCULLIS_TRUST_PROXY: z.string().default("0"),
  /** How long a verified password is remembered (s); 0 verifies the hash on every request. */
  PORTCULLIS_CREDENTIAL_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(60),
  PORTCULLIS_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** One JSON line per HTTP request on stdout ("on", the default) or none ("off"). */
  PORTCULLIS_ACCESS_LOG: z.enum(["on", "off"]).default("on"),
  /** When set, GET /metrics asks for `Authorization: Bearer <this>`; unset, /metrics is open (bind it to a private network). */
  PORTCULLIS_METRICS_TOKEN: z.string().min(16, "PORTCULLIS_METRICS_TOKEN must have at least 16 characters").optional(),
  /** A directory (OpenLDAP, Active Directory) for console sign-in and docker login: ldap://, ldaps:// (StartTLS below). */
  PORTCULLIS_LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\/[^/]+\/?$/, "PORTCULLIS_LDAP_URL must look like ldap://host:389 or ldaps://host:636")
    .optional(),
  PORTCULLIS_LDAP_BIND_DN: z.string().optional(),
  PORTCULLIS_LDAP_BIND_PASSWORD: z.string().optional(),
  PORTCULLIS_LDAP_USER_BASE: z.string().optional(),
  PORTCULLIS_LDAP_USER_FILTER: z
    .string()
    .refine((f) => f.includes("{username}"), "PORTCULLIS_LDAP_USER_FILTER must contain {username}")
    .default("(uid={username})"),
  PORTCULLIS_LDAP_GROUP_BASE: z.string().optional(),
  PORTCULLIS_LDAP_GROUP_FILTER: z.string().default("(|(member={dn})(uniqueMember={dn})(memberUid={username}))"),
  /** Group DNs, separated by ";" (DNs hold commas): their members are administrators / auditors. */
  PORTCULLIS_LDAP_ADMIN_GROUPS: z.string().default(""),
  PORTCULLIS_LDAP_AUDITOR_GROUPS: z.string().default(""),
  PORTCULLIS_LDAP_STARTTLS: z.enum(["true", "false"]).default("false"),
  /** A PEM file of the CA that issued the directory's certificate (ldaps:// or StartTLS). */
  PORTCULLIS_LDAP_CA_FILE: z.string().optional(),
  PORTCULLIS_LDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** What the sign-in page and messages call the directory. */
  PORTCULLIS_LDAP_NAME: z.string().min(1).max(60).default("company directory"),
  /** OpenID Connect single sign-on for the console: the issuer (discovered at /.well-known/openid-configuration). */
  PORTCULLIS_OIDC_ISSUER: z.url().optional(),
  PORTCULLIS_OIDC_CLIENT_ID: z.string().optional(),
  PORTCULLIS_OIDC_CLIENT_SECRET: z.string().optional(),
  /** "Sign in with <this>". */
  PORTCULLIS_OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  PORTCULLIS_OIDC_SCOPES: z.string().default("openid profile email"),
  PORTCULLIS_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  /** Group names separated by ";": their members are administrators / auditors. */
  PORTCULLIS_OIDC_ADMIN_GROUPS: z.string().default(""),
  PORTCULLIS_OIDC_AUDITOR_GROUPS: z.string().default(""),
});

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  groupsClaim: string;
  adminGroups: string[];
  auditorGroups: string[];
}

export function parseOidc(e: z.infer<typeof schema>): OidcConfig | null {
  if (!e.PORTCULLIS_OIDC_ISSUER) return null;
  if (!e.PORTCULLIS_OIDC_CLIENT_ID || !e.PORTCULLIS_OIDC_CLIENT_SECRET)
    throw new ConfigError(
      "Invalid configuration:\n  PORTCULLIS_OIDC_CLIENT_ID and PORTCULLIS_OIDC_CLIENT_SECRET are required with PORTCULLIS_OIDC_ISSUER (register Portcullis at the provider with the redirect URI <public URL>/api/auth/callback/oidc)",
    );
  if (!e.PORTCULLIS_OIDC_SCOPES.split(" ").includes("openid"))
    throw new ConfigError("Invalid configuration:\n  PORTCULLIS_OIDC_SCOPES must include openid");
  return {
    issuer: e.PORTCULLIS_OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.PORTCULLIS_OIDC_CLIENT_ID,
    clientSecret: e.PORTCULLIS_OIDC_CLIENT_SECRET,
    name: e.PORTCULLIS_OIDC_NAME,
    scopes: e.PORTCULLIS_OIDC_SCOPES,
    groupsClaim: e.PORTCULLIS_OIDC_GROUPS_CLAIM,
    adminGroups: groupList(e.PORTCULLIS_OIDC_ADMIN_GROUPS),
    auditorGroups: groupList(e.PORTCULLIS_OIDC_AUDITOR_GROUPS),
  };
}

export interface LdapConfig {
  url: string;
  bindDn?: string;
  bindPassword?: string;
  userBase: string;
  userFilter: string;
  groupBase?: string;
  groupFilter: string;
  adminGroups: string[];
  auditorGroups: string[];
  startTls: boolean;
  caFile?: string;
  timeoutMs: number;
  name: string;
}

const groupList = (v: string) =>
  v
    .split(";")
    .map((g) => g.trim())
    .filter(Boolean);

/** The directory's settings, or null when none is configured; incomplete settings fail the start. */
export function parseLdap(e: z.infer<typeof schema>): LdapConfig | null {
  if (!e.PORTCULLIS_LDAP_URL) return null;
  if (!e.PORTCULLIS_LDAP_USER_BASE)
    throw new ConfigError(
      "Invalid configuration:\n  PORTCULLIS_LDAP_USER_BASE: required with PORTCULLIS_LDAP_URL (e.g. ou=people,dc=example,dc=org)",
    );
  if (Boolean(e.PORTCULLIS_LDAP_BIND_DN) !== Boolean(e.PORTCULLIS_LDAP_BIND_PASSWORD))
    throw new ConfigError(
      "Invalid configuration:\n  PORTCULLIS_LDAP_BIND_DN and PORTCULLIS_LDAP_BIND_PASSWORD go together (or neither, for an anonymous search)",
    );
  return {
    url: e.PORTCULLIS_LDAP_URL,
    bindDn: e.PORTCULLIS_LDAP_BIND_DN,
    bindPassword: e.PORTCULLIS_LDAP_BIND_PASSWORD,
    userBase: e.PORTCULLIS_LDAP_USER_BASE,
    userFilter: e.PORTCULLIS_LDAP_USER_FILTER,
    groupBase: e.PORTCULLIS_LDAP_GROUP_BASE,
    groupFilter: e.PORTCULLIS_LDAP_GROUP_FILTER,
    adminGroups: groupList(e.PORTCULLIS_LDAP_ADMIN_GROUPS),
    auditorGroups: groupList(e.PORTCULLIS_LDAP_AUDITOR_GROUPS),
    startTls: e.PORTCULLIS_LDAP_STARTTLS === "true",
    caFile: e.PORTCULLIS_LDAP_CA_FILE,
    timeoutMs: e.PORTCULLIS_LDAP_TIMEOUT_MS,
    name: e.PORTCULLIS_LDAP_NAME,
  };
}

export type Env = z.infer<typeof schema> & {
  dataDir: string;
  publicUrl: string;
  /** Where registries send notifications: PORTCULLIS_INTERNAL_URL, else the public URL. */
  internalUrl: string;
  embedded: boolean;
  trustedProxies: string[];
  ldap: LdapConfig | null;
  oidc: OidcConfig | null;
};

/** PORTCULLIS_TRUST_PROXY as proxy-addr's list; every entry checked, so a typo fails the start. */
export function parseTrustProxy(raw: string): string[] {
  const v = raw.trim().toLowerCase();
  if (v === "" || v === "0" || v === "false") return [];
  if (v === "1" || v === "true") return ["loopback"];
  const list = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new ConfigError(
        `Invalid configuration:\n  PORTCULLIS_TRUST_PROXY: "${entry}" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal`,
      );
    }
  }
  return list;
}

export class ConfigError extends Error {
  name = "ConfigError";
}

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    ...e,
    dataDir: path.resolve(e.PORTCULLIS_DATA_DIR),
    publicUrl: (e.PORTCULLIS_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    internalUrl: (e.PORTCULLIS_INTERNAL_URL ?? e.PORTCULLIS_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(
      /\/$/,
      "",
    ),
    embedded: !e.DATABASE_URL,
    trustedProxies: parseTrustProxy(e.PORTCULLIS_TRUST_PROXY),
    ldap: parseLdap(e),
    oidc: parseOidc(e),
  };
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** A value read from the environment on first use, then kept (every request asks; process.env is slow). */
const once = <T>(read: () => T): (() => T) => {
  let kept: { value: T } | undefined;
  return () => (kept ??= { value: read() }).value;
};

/**
 * Settings read outside env(): next-auth's secret and URL live, since server.ts puts them into the
 * environment after the first read (from secrets.json); the log level and the benchmark's switch
 * once, on first use, since the log level may be read before the configuration is validated.
 * This module stays the one place that reads process.env.
 */
export const live = {
  nextAuthSecret: () => process.env.NEXTAUTH_SECRET,
  nextAuthUrl: () => process.env.NEXTAUTH_URL ?? "",
  logLevel: once(() => process.env.PORTCULLIS_LOG_LEVEL),
  /** Serve the token endpoint through Next.js instead of server.ts's fast path (benchmarks). */
  tokenViaNext: once(() => process.env.PORTCULLIS_TOKEN_VIA_NEXT === "1"),
  debugSchemaEngine: () => Boolean(process.env.PORTCULLIS_DEBUG_SCHEMA_ENGINE),
  /** Hands next-auth what it reads from the environment: the public URL and the session secret. */
  provideNextAuth(url: string, secret: string): void {
    process.env.NEXTAUTH_URL ??= url;
    process.env.NEXTAUTH_SECRET ??= secret;
  },
};
