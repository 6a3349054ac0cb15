import { z } from "zod";
import { accountName, password, role } from "./common";

export const createUserInput = z
  .object({
    username: accountName,
    /** Absent: the answer carries a one-time set-password link instead. */
    password: password.optional(),
    role: role.default("user"),
    email: z.email("not an email address").max(254).optional().or(z.literal("").transform(() => undefined)),
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
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const signInInput = z.object({
  username: z.string().min(1, "enter your username").max(64),
  password: z.string().min(1, "enter your password").max(1024),
});

const changePasswordFields = z.object({ currentPassword: z.string().min(1, "enter your current password").max(1024), newPassword: password });
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

export const listUsersQuery = z.object({
  search: z.string().max(100).optional(),
  role: role.optional(),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Lifting one lockout: the account (or token prefix) and the address it is locked for. */
export const liftLockoutQuery = z.object({ username: z.string().min(1).max(64), ip: z.string().min(1).max(64) });
