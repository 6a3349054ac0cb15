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
