import { z } from "zod";

import { OPERATIONS, OUTCOMES } from "./terms";
export { OPERATIONS, OUTCOMES, type Operation, type Outcome } from "./terms";

export const auditQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  actor: z.string().max(64).optional(),
  repository: z.string().max(255).optional(),
  prefix: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  action: z.string().max(64).optional(),
  /** With an operation, that action's outcome; alone, "denied" is every refused request (denied or partial). */
  outcome: z.enum(OUTCOMES).optional(),
  operation: z.enum(OPERATIONS).optional(),
  q: z.string().max(200).optional(),
  tag: z.string().max(200).optional(),
  credential: z.string().max(100).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be an event id")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The filter alone (exports, charts), without paging. */
export const auditFilterQuery = auditQuery.omit({ cursor: true, limit: true });
export const activityQuery = auditFilterQuery.extend({ bucket: z.enum(["hour", "day"]).default("hour") });
export const exportQuery = auditFilterQuery.extend({ format: z.enum(["csv", "jsonl"]).default("csv") });

export const tagHistoryQuery = z.object({
  repository: z.string().trim().min(1, "name a repository").max(300),
  tag: z.string().trim().max(200).optional(),
});

/** Verify against a checkpoint the auditor kept (its JWS); without one, against the newest stored. */
export const verifyInput = z
  .object({
    checkpoint: z
      .string()
      .max(8192)
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "a checkpoint is a JWS: header.payload.signature")
      .optional(),
  })
  .strict();

// What the API answers about the audit log. Times are ISO strings, ids decimal strings.

export const auditEventView = z.object({
  id: z.string(),
  time: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorKind: z.string(),
  credential: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  repository: z.string().nullable(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  requested: z.unknown(),
  granted: z.unknown(),
  details: z.unknown(),
  clientIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  externalId: z.string().nullable(),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});
export type AuditEventView = z.input<typeof auditEventView>;
export const auditPage = z.object({ events: z.array(auditEventView), nextCursor: z.string().nullable() });
export const auditCount = z.object({ count: z.number().int() });
export const activityBucket = z.object({
  t: z.string(),
  pushes: z.number(),
  pulls: z.number(),
  denials: z.number(),
  total: z.number(),
});
export type ActivityBucketView = z.input<typeof activityBucket>;
export const activityView = z.object({ bucket: z.enum(["hour", "day"]), buckets: z.array(activityBucket) });
const counted = z.array(z.object({ name: z.string(), count: z.number().int() }));
export const topDeniedView = z.object({ subjects: counted, repositories: counted });
export type TopDeniedView = z.input<typeof topDeniedView>;

/** Which credential was behind a registry event (lib/audit/attribution.ts), in plain words. */
export const credentialAttributionView = z.object({
  kind: z.enum(["one", "several", "none"]),
  /** One credential only once the client's address was taken into account. */
  byAddress: z.boolean(),
  credentials: z.array(
    z.object({ credential: z.string(), label: z.string(), decision: z.string(), time: z.string().optional() }),
  ),
});
export type CredentialAttributionView = z.infer<typeof credentialAttributionView>;

export const tagChangeView = z.object({
  id: z.string(),
  time: z.string(),
  actor: z.string().nullable(),
  clientIp: z.string().nullable(),
  tag: z.string(),
  digest: z.string().nullable(),
  previous: z.string().nullable(),
  kind: z.enum(["new", "overwrite", "same"]),
  credential: credentialAttributionView,
});
export const tagHistoryView = z.object({
  repository: z.string(),
  changes: z.array(tagChangeView),
  deniedPushes: z.array(auditEventView),
});
export type TagHistoryView = z.input<typeof tagHistoryView>;

export const checkpointClaims = z.object({
  typ: z.string(),
  iss: z.string(),
  iat: z.number(),
  lastId: z.string(),
  head: z.string(),
  count: z.number().int(),
});
export const checkpointView = z.object({ checkpoint: checkpointClaims.nullable(), jws: z.string().nullable() });
const linkProblem = z.object({
  id: z.string(),
  time: z.string(),
  problem: z.enum(["altered", "link"]),
  expected: z.string().nullable(),
  found: z.string().nullable(),
});
export const chainReportView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  anchor: z.object({ lastDeletedId: z.string(), hash: z.string() }).nullable(),
  firstBroken: linkProblem.optional(),
  checkpoint: z
    .object({
      ok: z.boolean(),
      lastId: z.string().nullable(),
      signedAt: z.string().nullable(),
      problem: z.enum(["signature", "truncated", "rewritten", "count"]).optional(),
      detail: z.string(),
    })
    .nullable(),
});
export const retentionView = z.object({
  deleted: z.number().int(),
  cutoff: z.string().nullable(),
  note: z.string().optional(),
});
