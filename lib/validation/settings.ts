import { z } from "zod";

/** Operator settings with their defaults and bounds: stored in the database, edited on the Settings page. */
export const settingsSchema = z.object({
  tokenTtlSeconds: z.number().int().min(60).max(86_400).default(300),
  refreshTokenTtlDays: z.number().int().min(1).max(365).default(30),
  maxTokenLifetimeDays: z.number().int().min(1).max(3650).default(365),
  allowNonExpiringTokens: z.boolean().default(false),
  lockoutThreshold: z.number().int().min(3).max(1000).default(10),
  lockoutWindowMinutes: z.number().int().min(1).max(1440).default(15),
  lockoutMinutes: z.number().int().min(1).max(1440).default(15),
  /** Failures before responses to that account+address pair are slowed down. */
  slowdownAfter: z.number().int().min(1).max(100).default(3),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatch = settingsSchema.partial().strict();
