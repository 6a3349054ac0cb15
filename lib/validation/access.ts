import { z } from "zod";
import { accountName, actionList } from "./common";
import { uuid } from "./params";

/** "Why was this denied?": a person, a robot, anonymous, or one access token, asking for actions on a repository. */
export const simulateInput = z
  .object({
    subject: z
      .discriminatedUnion("type", [
        z.object({ type: z.literal("user"), name: accountName }).strict(),
        z.object({ type: z.literal("service-account"), name: accountName }).strict(),
        z.object({ type: z.literal("anonymous") }).strict(),
      ])
      .optional(),
    tokenId: uuid.optional(),
    /** Any string: an invalid name is part of what the simulator explains. */
    repository: z.string().trim().min(1, "name a repository").max(300),
    actions: actionList,
  })
  .strict()
  .refine((v) => (v.subject ? 1 : 0) + (v.tokenId ? 1 : 0) === 1, { message: "give either a subject or a tokenId", path: ["subject"] });
export type SimulateInput = z.infer<typeof simulateInput>;

export const repositoryQuery = z.object({ name: z.string().trim().min(1, "name a repository").max(300) });

export const reachQuery = z.object({ username: accountName });
