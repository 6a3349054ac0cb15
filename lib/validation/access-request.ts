import { z } from "zod";
import { actionList, expiryTime, repositoryPattern, registryRef } from "./common";
import { ACCESS_REQUEST_STATUSES } from "./terms";
import { idPageQuery, nextCursor, timestamp } from "./wire";

/** How long a request waits for an answer before it lapses. */
export const ACCESS_REQUEST_DAYS = 14;
/** How many unanswered requests one person may have at a time. */
export const MAX_OPEN_REQUESTS = 20;

export { ACCESS_REQUEST_STATUSES };

const reason = z
  .string()
  .trim()
  .min(3, "say in a few words what you need it for (at least 3 characters)")
  .max(500, "at most 500 characters");
const note = z.string().trim().max(500, "at most 500 characters");

/** "I need push on team/app because …" */
export const createAccessRequestInput = z
  .object({ repository: repositoryPattern, actions: actionList, reason })
  .strict();
export type CreateAccessRequestInput = z.infer<typeof createAccessRequestInput>;

/** An approval grants what was asked, or less (a narrower pattern, fewer actions), optionally until a time. */
export const approveAccessRequestInput = z
  .object({
    repository: repositoryPattern.optional(),
    actions: actionList.optional(),
    expiresAt: expiryTime.optional(),
    note: note.optional(),
    /** The grant applies to this registry only (absent: every registry). */
    registry: registryRef.optional(),
  })
  .strict();
export type ApproveAccessRequestInput = z.infer<typeof approveAccessRequestInput>;

export const denyAccessRequestInput = z.object({ note: note.min(1, "tell the requester why (a short note)") }).strict();
export type DenyAccessRequestInput = z.infer<typeof denyAccessRequestInput>;

export const listAccessRequestsQuery = idPageQuery(200, 50).extend({
  status: z.enum([...ACCESS_REQUEST_STATUSES, "all"]).default("pending"),
});
export const myAccessRequestsQuery = idPageQuery(200, 50);

// What the API answers about access requests.

export const accessRequestView = z.object({
  id: z.string(),
  requester: z.string(),
  repository: z.string(),
  actions: z.array(z.string()),
  reason: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  createdAt: timestamp,
  /** A pending request lapses then. */
  expiresAt: timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  note: z.string().nullable(),
  /** What the approval granted (it may be narrower than asked). */
  granted: z
    .object({
      grant: z.string().nullable(),
      repository: z.string(),
      actions: z.array(z.string()),
      expiresAt: timestamp.nullable(),
    })
    .nullable(),
});
export type AccessRequestView = z.input<typeof accessRequestView>;
export const accessRequestList = z.object({ requests: z.array(accessRequestView), nextCursor });
