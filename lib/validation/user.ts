import { z } from "zod";
import { accountName, password, role } from "./common";
import { tokenView } from "./token";
import { nextCursor, pageQuery, timestamp } from "./wire";

export const createUserInput = z
  .object({
    username: accountName,
    /** Absent: the answer carries a one-time set-password link instead. */
    password: password.optional(),
    role: role.default("user"),
    email: z
      .email("not an email address")
      .max(254)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    displayName: z.string().trim().max(100).optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z
  .object({
    role: role.optional(),
    email: z.email("not an email address").max(254).nullable().optional(),
    displayName: z.string().trim().max(100).nullable().optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
    /**
     * How the person signs in: their Portcullis password, the company directory, or single
     * sign-on. Moving an account to the directory or SSO is how an administrator lets the next
     * sign-in there take it over (its password stops working at once).
     */
    signIn: z.enum(["password", "directory", "sso"]).optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const signInInput = z.object({
  username: z.string().min(1, "enter your username").max(64),
  password: z.string().min(1, "enter your password").max(1024),
});

const changePasswordFields = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(1024),
  newPassword: password,
});
const differs = (v: { currentPassword: string; newPassword: string }) => v.currentPassword !== v.newPassword;
const differsMessage = { message: "the new password must differ from the current one", path: ["newPassword"] };

export const changePasswordInput = changePasswordFields.strict().refine(differs, differsMessage);
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** The browser's form: the same rules, with the new password typed twice. */
export const changePasswordForm = changePasswordFields
  .extend({ repeat: z.string() })
  .refine(differs, differsMessage)
  .refine((v) => v.newPassword === v.repeat, { message: "the new passwords do not match", path: ["repeat"] });

/** Revoking everything a person holds is confirmed with the acting admin's own password. */
export const revokeEverythingInput = z
  .object({ password: z.string().min(1, "confirm with your password").max(1024), disable: z.boolean().default(true) })
  .strict();
export type RevokeEverythingInput = z.infer<typeof revokeEverythingInput>;

/** Completing a one-time set-password link (no session: the link's secret is the credential). */
export const passwordSetupInput = z
  .object({ token: z.string().min(1, "the link is incomplete: open the whole link you were sent").max(200), password })
  .strict();

/** The browser's set-password form: the link's token, the password typed twice. */
export const passwordSetupForm = passwordSetupInput
  .extend({ repeat: z.string() })
  .refine((v) => v.password === v.repeat, { message: "the passwords do not match", path: ["repeat"] });

/** Lifting one lockout: the account (or token prefix) and the address it is locked for. */
export const liftLockoutQuery = z.object({ username: z.string().min(1).max(64), ip: z.string().min(1).max(64) });

// What the API answers about users.

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  role,
  disabled: z.boolean(),
  /** Where they sign in: their Portcullis password (local), the company directory (ldap), single sign-on (oidc). */
  source: z.enum(["local", "ldap", "oidc"]),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type UserView = z.input<typeof userView>;

/** A new user; without a password, the one-time set-password link to hand over. */
export const createdUserView = userView.extend({
  setPasswordUrl: z.string().optional(),
  setPasswordExpiresAt: timestamp.optional(),
});

export const listUsersQuery = pageQuery(200, 50).extend({
  search: z.string().max(100).optional(),
  role: role.optional(),
  disabled: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export const userList = z.object({ users: z.array(userView), total: z.number().int(), nextCursor });

export const setupLinkView = z.object({ url: z.string(), expiresAt: timestamp });
export type SetupLinkView = z.input<typeof setupLinkView>;
export const passwordSetupDone = z.object({ username: z.string() });
export const passwordChanged = z.object({ changed: z.literal(true) });

/** What revoke-everything would take from a user (shown before confirming). */
export const credentialsHeldView = z.object({
  user: z.object({ username: z.string(), disabled: z.boolean(), lastLoginAt: timestamp.nullable() }),
  tokens: z.array(tokenView),
  serviceAccountTokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      serviceAccount: z.string().optional(),
      expiresAt: timestamp.nullable(),
      lastUsedAt: timestamp.nullable(),
    }),
  ),
  refreshTokens: z.number().int(),
  sessions: z.string(),
});
export type CredentialsHeldView = z.input<typeof credentialsHeldView>;
export const revokedEverything = z.object({
  tokensRevoked: z.number().int(),
  serviceAccountTokensRevoked: z.number().int(),
  refreshTokensRevoked: z.number().int(),
  sessionsEnded: z.boolean(),
  disabled: z.boolean(),
});

export const lockoutView = z.object({
  username: z.string(),
  clientIp: z.string(),
  failures: z.number().int(),
  firstFailureAt: timestamp,
  lastFailureAt: timestamp,
  lockedUntil: timestamp.nullable(),
});
export const lockoutList = z.object({ lockouts: z.array(lockoutView) });
export const lockoutLifted = z.object({ lifted: z.boolean() });

/** Who the credentials belong to. */
export const meView = z.object({
  kind: z.enum(["user", "service_account"]),
  name: z.string(),
  role: role.optional(),
  via: z.enum(["session", "password", "token"]),
});
