import { z } from "zod";
import { accountName, actionList, expiryTime, registryRef, repositoryPattern, teamName } from "./common";
import { idPageQuery, nextCursor, timestamp } from "./wire";

export const grantSubject = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), name: accountName }).strict(),
  z.object({ type: z.literal("team"), name: teamName }).strict(),
  z.object({ type: z.literal("service-account"), name: accountName }).strict(),
  z.object({ type: z.literal("public") }).strict(),
]);
export type GrantSubjectInput = z.infer<typeof grantSubject>;

export const createGrantInput = z
  .object({
    subject: grantSubject,
    repository: repositoryPattern,
    actions: actionList,
    /** The grant lapses then (absent: never). */
    expiresAt: expiryTime.optional(),
    /** The one registry (by name) the grant applies to (absent: every registry). */
    registry: registryRef.optional(),
  })
  .strict()
  .refine((g) => g.subject.type !== "public" || g.actions.every((a) => a === "pull"), {
    message: "public access is pull only",
    path: ["actions"],
  });
export type CreateGrantInput = z.infer<typeof createGrantInput>;

export const listGrantsQuery = idPageQuery(1000, 200).extend({
  repository: z.string().max(255).optional(),
  subject: z.string().max(64).optional(),
});

// What the API answers about grants.

export const grantView = z.object({
  id: z.string(),
  subject: z.object({ type: z.enum(["user", "team", "service-account", "public"]), name: z.string().optional() }),
  repository: z.string(),
  actions: z.array(z.string()),
  createdAt: timestamp,
  /** Null: never lapses. */
  expiresAt: timestamp.nullable(),
  /** The one registry the grant applies to (null: every registry). */
  registry: z.string().nullable(),
});
export type GrantView = z.input<typeof grantView>;
export const grantList = z.object({ grants: z.array(grantView), nextCursor });
