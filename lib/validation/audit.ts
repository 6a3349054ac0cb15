import { z } from "zod";

export const auditQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  actor: z.string().max(64).optional(),
  repository: z.string().max(255).optional(),
  prefix: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(["granted", "partial", "denied", "success", "failure"]).optional(),
  q: z.string().max(200).optional(),
  tag: z.string().max(200).optional(),
  credential: z.string().max(100).optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "cursor must be an event id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The filter alone (exports, charts), without paging. */
export const auditFilterQuery = auditQuery.omit({ cursor: true, limit: true });
export const activityQuery = auditFilterQuery.extend({ bucket: z.enum(["hour", "day"]).default("hour") });
export const exportQuery = auditFilterQuery.extend({ format: z.enum(["csv", "jsonl"]).default("csv") });

export const tagHistoryQuery = z.object({ repository: z.string().trim().min(1, "name a repository").max(300), tag: z.string().trim().max(200).optional() });

/** Verify against a checkpoint the auditor kept (its JWS); without one, against the newest stored. */
export const verifyInput = z.object({ checkpoint: z.string().max(8192).regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "a checkpoint is a JWS: header.payload.signature").optional() }).strict();
