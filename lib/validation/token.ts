import { z } from "zod";
import { accountName, actionList, repositoryPattern } from "./common";
import { idPageQuery, nextCursor, timestamp } from "./wire";

export const tokenScope = z.object({ repository: repositoryPattern, actions: actionList }).strict();

export const createTokenInput = z
  .object({
    name: z.string().trim().min(1, "give the token a name").max(100),
    /** null: never expires (only where the policy allows it). */
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
    scopes: z.array(tokenScope).min(1).max(50).optional(),
    /** Mint for a service account instead of yourself (admins). */
    serviceAccount: accountName.optional(),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenInput>;

export const rotateTokenInput = z
  .object({
    graceHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(24),
  })
  .strict();

export const listTokensQuery = idPageQuery(1000, 200).extend({
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

/** What the token form may offer, from the administrator's policy. */
export interface TokenPolicy {
  maxDays: number;
  allowNever: boolean;
}

// What the API answers about access tokens (the secret only once, as `token`, on mint and rotate).

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.object({ repository: z.string(), actions: z.array(z.string()) })).nullable(),
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
  status: z.enum(["active", "expired", "revoked"]),
  owner: z.string().nullable(),
  ownerKind: z.enum(["user", "service-account"]),
  expiringSoon: z.boolean(),
});
export type TokenView = z.input<typeof tokenView>;
export const tokenList = z.object({ tokens: z.array(tokenView), nextCursor });
export const tokenWithSecret = tokenView.extend({ token: z.string() });
export type TokenWithSecret = z.input<typeof tokenWithSecret>;
