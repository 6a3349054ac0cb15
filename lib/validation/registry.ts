import { z } from "zod";
import { accountName, teamName } from "./common";
import { REGISTRY_KIND_IDS } from "../registry/kinds/ids";
import { timestamp } from "./wire";

const absolutePath = z
  .string()
  .regex(/^\/[^\n\r"\0]{1,255}$/, "an absolute path on the registry host, without quotes or line breaks");

export const configQuery = z.object({
  mode: z.enum(["token", "htpasswd"]).default("token"),
  bundlePath: absolutePath.default("/etc/docker/registry/portcullis-certs.pem"),
  htpasswdPath: absolutePath.default("/etc/docker/registry/htpasswd"),
  addr: z
    .string()
    .regex(/^[A-Za-z0-9.[\]:-]{0,100}:\d{1,5}$/, "host:port or :port")
    .default(":5000"),
  storageDir: absolutePath.default("/var/lib/docker-registry"),
});

export const registryFields = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, spaces, '.', '_' and '-'"),
  url: z
    .url("the registry's base URL, e.g. https://registry.example.com")
    .refine((u) => /^https?:\/\//.test(u), "an http:// or https:// URL"),
  kind: z.enum(REGISTRY_KIND_IDS),
  service: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^\s"]+$/, "no spaces or quotes"),
  authMode: z.enum(["token", "htpasswd"]),
  browseMode: z.enum(["server", "direct"]),
  allowPrivateNetwork: z.boolean(),
  /** The CA certificate (PEM) clients need for a private or self-signed certificate; null removes it. */
  caCertificate: z
    .string()
    .trim()
    .max(16_384, "one certificate is a few kilobytes at most")
    .regex(
      /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/,
      "a PEM certificate (-----BEGIN CERTIFICATE----- …)",
    )
    .nullable(),
};

export const registryInput = z
  .object({
    ...registryFields,
    kind: registryFields.kind.default("distribution"),
    authMode: registryFields.authMode.default("token"),
    browseMode: registryFields.browseMode.default("server"),
    allowPrivateNetwork: registryFields.allowPrivateNetwork.default(false),
    caCertificate: registryFields.caCertificate.default(null),
  })
  .strict();
/** Only the keys given change (no defaults here). */
export const registryPatch = z.object(registryFields).partial().strict();
/** Offering a CA certificate to a registry's clients (a registry change of one key). */
export const caCertificateInput = z.object({ caCertificate: registryFields.caCertificate.unwrap() }).strict();

export const htpasswdInput = z
  .object({
    accounts: z.discriminatedUnion("type", [
      z.object({ type: z.literal("all") }).strict(),
      z.object({ type: z.literal("team"), name: teamName }).strict(),
      /** Everyone who may do something at this registry (admins, and accounts a grant there reaches). */
      z.object({ type: z.literal("registry"), name: registryFields.name }).strict(),
      z
        .object({
          type: z.literal("selected"),
          names: z.array(accountName).min(1, "choose at least one account").max(1000),
        })
        .strict(),
    ]),
    /** generated: a random registry password per account; token: a new access token per account, used as the password. */
    credential: z.enum(["generated", "token"]).default("generated"),
    tokenDays: z.number().int().min(1).max(3650).default(90),
    /** Also write the file to PORTCULLIS_HTPASSWD_PATH (atomically). */
    write: z.boolean().default(false),
  })
  .strict();
export type HtpasswdInput = z.infer<typeof htpasswdInput>;

export const policyImportInput = z
  .object({
    content: z.string().min(1, "paste or upload the file").max(2_000_000),
    apply: z.boolean().default(false),
    /** The file is what this registry enforces (absent: the grants for every registry). */
    registry: registryFields.name.optional(),
  })
  .strict();
/** Which registry's grants a policy file is for (absent: the grants for every registry only). */
export const policyExportQuery = z.object({ registry: registryFields.name.optional() });

export const rotateKeyInput = z
  .object({
    step: z.enum(["prepare", "activate"]),
    algorithm: z.enum(["ES256", "RS256"]).default("ES256"),
    /** Rotate this registry's own key (its first gives it one; absent: the shared key). */
    registry: registryFields.name.optional(),
  })
  .strict();

// What the API answers about registries, their configuration, keys and policy files.

export const registryView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  service: z.string(),
  kind: z.string(),
  authMode: registryFields.authMode,
  browseMode: registryFields.browseMode,
  allowPrivateNetwork: z.boolean(),
  caCertificate: z.string().nullable(),
  createdAt: timestamp,
});
export type RegistryView = z.input<typeof registryView>;
export const registryList = z.object({ registries: z.array(registryView) });

export const checkResultView = z.object({
  check: z.enum(["reachable", "api", "challenge", "tls", "cors"]),
  status: z.enum(["ok", "warn", "fail", "skipped"]),
  detail: z.string(),
  fix: z.string().optional(),
  certificate: z.string().optional(),
});
export type CheckResultView = z.input<typeof checkResultView>;
export const registryCheckView = z.object({
  registry: z.string(),
  checkedAt: timestamp,
  results: z.array(checkResultView),
});

export const registryConfigView = z.object({
  sections: z.object({ auth: z.string(), cors: z.string(), notifications: z.string() }),
  full: z.string(),
});
export type RegistryConfigView = z.input<typeof registryConfigView>;

export const htpasswdView = z.object({
  file: z.string(),
  credentials: z.array(
    z.object({ account: z.string(), kind: z.string(), password: z.string(), tokenId: z.string().optional() }),
  ),
  written: z.string().nullable(),
  expiresAt: timestamp.nullable(),
});
export type HtpasswdView = z.input<typeof htpasswdView>;

const policyGrant = z.object({
  subject: z.object({ type: z.string(), name: z.string().optional() }),
  repository: z.string(),
  actions: z.array(z.string()),
});
export const policyImportView = z.object({
  diff: z.object({
    add: z.array(policyGrant),
    remove: z.array(policyGrant),
    change: z.array(policyGrant.omit({ actions: true }).extend({ from: z.array(z.string()), to: z.array(z.string()) })),
    unchanged: z.number().int(),
  }),
  applied: z.boolean(),
});
export type PolicyImportView = z.input<typeof policyImportView>;

export const signingKeyView = z.object({
  id: z.string(),
  kid: z.string(),
  algorithm: z.string(),
  certificatePem: z.string(),
  status: z.string(),
  createdAt: timestamp,
  retiredAt: timestamp.nullable(),
  activatedAt: timestamp.nullable(),
  /** The registry the key signs for (null: the shared key of every registry without its own). */
  registry: z.string().nullable(),
});
export const signingKeyList = z.object({ keys: z.array(signingKeyView) });
export const keyRotated = z.object({
  kid: z.string(),
  step: z.enum(["prepare", "activate"]),
  registry: z.string().nullable(),
});

/** Registry notifications accepted. */
export const notificationsReceived = z.object({ received: z.number().int() });
