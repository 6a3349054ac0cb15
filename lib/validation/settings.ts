import { z } from "zod";

/** Operator settings and their bounds: stored in the database, edited on the Settings page. */
const settingsFields = {
  tokenTtlSeconds: z.number().int().min(60).max(86_400),
  refreshTokenTtlDays: z.number().int().min(1).max(365),
  /** A signed-in client (refresh token) unused this long must log in again. */
  refreshTokenIdleDays: z.number().int().min(1).max(365),
  maxTokenLifetimeDays: z.number().int().min(1).max(3650),
  allowNonExpiringTokens: z.boolean(),
  lockoutThreshold: z.number().int().min(3).max(1000),
  lockoutWindowMinutes: z.number().int().min(1).max(1440),
  lockoutMinutes: z.number().int().min(1).max(1440),
  /** Failed password sign-ins from one address, whatever the accounts, before that address is locked out (password spraying). */
  addressLockoutThreshold: z.number().int().min(10).max(100_000),
  /** Failures before responses to that account+address pair are slowed down. */
  slowdownAfter: z.number().int().min(1).max(100),
  /** Audit events older than this many days are deleted, whole days at a time; 0 keeps everything. */
  auditRetentionDays: z.number().int().min(0).max(36_500),
};

/** The stored settings, every one filled with its default when absent. */
export const settingsSchema = z.object({
  tokenTtlSeconds: settingsFields.tokenTtlSeconds.default(300),
  refreshTokenTtlDays: settingsFields.refreshTokenTtlDays.default(30),
  refreshTokenIdleDays: settingsFields.refreshTokenIdleDays.default(14),
  maxTokenLifetimeDays: settingsFields.maxTokenLifetimeDays.default(365),
  allowNonExpiringTokens: settingsFields.allowNonExpiringTokens.default(false),
  lockoutThreshold: settingsFields.lockoutThreshold.default(10),
  lockoutWindowMinutes: settingsFields.lockoutWindowMinutes.default(15),
  lockoutMinutes: settingsFields.lockoutMinutes.default(15),
  addressLockoutThreshold: settingsFields.addressLockoutThreshold.default(100),
  slowdownAfter: settingsFields.slowdownAfter.default(3),
  auditRetentionDays: settingsFields.auditRetentionDays.default(0),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change to some settings: only the keys given (no defaults, so nothing else is touched). */
export const settingsPatch = z.object(settingsFields).partial().strict();

/** What the API answers: every setting, defaults filled in. */
export const settingsView = z.object(settingsFields);
