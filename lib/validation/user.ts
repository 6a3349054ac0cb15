import { z } from "zod";
import { accountName, password, role } from "./common";

export const createUserInput = z
  .object({
    username: accountName,
    password,
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

export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1, "enter your current password").max(1024), newPassword: password })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { message: "the new password must differ from the current one", path: ["newPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Revoking everything a person holds is confirmed with the acting admin's own password. */
export const revokeEverythingInput = z
  .object({ password: z.string().min(1, "confirm with your password").max(1024), disable: z.boolean().default(true) })
  .strict();
export type RevokeEverythingInput = z.infer<typeof revokeEverythingInput>;
