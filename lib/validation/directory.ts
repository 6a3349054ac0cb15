import { z } from "zod";
import { accountName } from "./common";

/** The directory's configuration as the console shows it: never the bind password. */
export const directoryView = z.object({
  ldap: z
    .object({
      name: z.string(),
      url: z.string(),
      startTls: z.boolean(),
      bindDn: z.string().nullable(),
      userBase: z.string(),
      userFilter: z.string(),
      groupBase: z.string().nullable(),
      groupFilter: z.string(),
      adminGroups: z.array(z.string()),
      auditorGroups: z.array(z.string()),
      timeoutMs: z.number().int(),
    })
    .nullable(),
  oidc: z
    .object({
      name: z.string(),
      issuer: z.string(),
      clientId: z.string(),
      scopes: z.string(),
      groupsClaim: z.string(),
      adminGroups: z.array(z.string()),
      auditorGroups: z.array(z.string()),
      redirectUri: z.string(),
      /** How often token requests ask the provider again (the credential cache window). */
      followUpSeconds: z.number().int(),
      sessions: z.object({ following: z.number().int(), ended: z.number().int() }),
    })
    .nullable(),
});
export type DirectoryView = z.input<typeof directoryView>;

export const directoryCheckInput = z.object({ username: accountName.optional() }).strict();
export const directoryCheckView = z.object({
  steps: z.array(
    z.object({
      step: z.enum(["connect", "bind", "search", "groups"]),
      ok: z.boolean(),
      detail: z.string(),
      fix: z.string().optional(),
    }),
  ),
});
export type DirectoryCheckView = z.input<typeof directoryCheckView>;
