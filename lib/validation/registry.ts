import { z } from "zod";
import { accountName, teamName } from "./common";

const absolutePath = z.string().regex(/^\/[^\n\r"\0]{1,255}$/, "an absolute path on the registry host, without quotes or line breaks");

export const configQuery = z.object({
  mode: z.enum(["token", "htpasswd"]).default("token"),
  bundlePath: absolutePath.default("/etc/docker/registry/portcullis-certs.pem"),
  htpasswdPath: absolutePath.default("/etc/docker/registry/htpasswd"),
  addr: z.string().regex(/^[A-Za-z0-9.[\]:-]{0,100}:\d{1,5}$/, "host:port or :port").default(":5000"),
  storageDir: absolutePath.default("/var/lib/docker-registry"),
});

const registryFields = {
  name: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, spaces, '.', '_' and '-'"),
  url: z.url("the registry's base URL, e.g. https://registry.example.com").refine((u) => /^https?:\/\//.test(u), "an http:// or https:// URL"),
  service: z.string().trim().min(1).max(255).regex(/^[^\s"]+$/, "no spaces or quotes"),
  authMode: z.enum(["token", "htpasswd"]),
  browseMode: z.enum(["server", "direct"]),
  allowPrivateNetwork: z.boolean(),
};

export const registryInput = z
  .object({
    ...registryFields,
    authMode: registryFields.authMode.default("token"),
    browseMode: registryFields.browseMode.default("server"),
    allowPrivateNetwork: registryFields.allowPrivateNetwork.default(false),
  })
  .strict();
/** Only the keys given change (no defaults here). */
export const registryPatch = z.object(registryFields).partial().strict();

export const htpasswdInput = z
  .object({
    accounts: z.discriminatedUnion("type", [
      z.object({ type: z.literal("all") }).strict(),
      z.object({ type: z.literal("team"), name: teamName }).strict(),
      z.object({ type: z.literal("selected"), names: z.array(accountName).min(1, "choose at least one account").max(1000) }).strict(),
    ]),
    /** generated: a random registry password per account; token: a new access token per account, used as the password. */
    credential: z.enum(["generated", "token"]).default("generated"),
    tokenDays: z.number().int().min(1).max(3650).default(90),
    /** Also write the file to PORTCULLIS_HTPASSWD_PATH (atomically). */
    write: z.boolean().default(false),
  })
  .strict();
export type HtpasswdInput = z.infer<typeof htpasswdInput>;

export const policyImportInput = z.object({ content: z.string().min(1, "paste or upload the file").max(2_000_000), apply: z.boolean().default(false) }).strict();

export const rotateKeyInput = z
  .object({ step: z.enum(["prepare", "activate"]), algorithm: z.enum(["ES256", "RS256"]).default("ES256") })
  .strict();
