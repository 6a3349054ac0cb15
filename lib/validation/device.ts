import { z } from "zod";
import { tokenScope } from "./token";
import { timestamp } from "./wire";

/** What a person answers to a device asking to sign in: its repositories and actions, and how long it lasts. */
export const approveDeviceInput = z
  .object({
    /** null or absent: everything the person may do, as it is at each request. */
    scopes: z.array(tokenScope).min(1).max(50).nullable().optional(),
    /** Days the device stays signed in (at most the policy's refresh-token lifetime; default: that). */
    lifetimeDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type ApproveDeviceInput = z.infer<typeof approveDeviceInput>;

/** The code as typed: letters, dashes and spaces (normalised by the service). */
export const userCodeParam = z.object({
  code: z
    .string()
    .max(20)
    .regex(/^[A-Za-z -]+$/, "a code is eight letters, like BCDF-GHJK"),
});

const scopeRules = z.array(z.object({ repository: z.string(), actions: z.array(z.string()) }));

export const deviceRequestView = z.object({
  userCode: z.string(),
  clientId: z.string(),
  /** What the device calls itself (its own word, not verified). */
  deviceName: z.string().nullable(),
  userAgent: z.string().nullable(),
  clientIp: z.string(),
  service: z.string(),
  requestedScopes: scopeRules.nullable(),
  status: z.enum(["pending", "approved", "denied", "redeemed", "expired"]),
  scopes: scopeRules.nullable(),
  lifetimeDays: z.number().int().nullable(),
  createdAt: timestamp,
  expiresAt: timestamp,
  maxLifetimeDays: z.number().int(),
});
export type DeviceRequestView = z.input<typeof deviceRequestView>;
