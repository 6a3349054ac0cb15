import { z } from "zod";
import { accountName, actionList, registryRef, role } from "./common";
import { grantView } from "./grant";
import { timestamp } from "./wire";

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
    tokenId: z.uuid().optional(),
    /** Any string: an invalid name is part of what the simulator explains. */
    repository: z.string().trim().min(1, "name a repository").max(300),
    actions: actionList,
    /** The registry asking (grants bound to another do not count there); absent: the grants for every registry only. */
    registry: registryRef.optional(),
  })
  .strict()
  .refine((v) => (v.subject ? 1 : 0) + (v.tokenId ? 1 : 0) === 1, {
    message: "give either a subject or a tokenId",
    path: ["subject"],
  });
export type SimulateInput = z.infer<typeof simulateInput>;

export const repositoryQuery = z.object({ name: z.string().trim().min(1, "name a repository").max(300) });

export const reachQuery = z.object({ username: accountName });

// What the API answers: the simulator, who-can and reach.

const via = z.object({ type: z.enum(["user", "team", "service_account", "public"]), name: z.string() });
export const explainedDecision = z.object({
  scope: z.string(),
  granted: z.array(z.string()),
  denied: z.array(z.object({ action: z.string(), reason: z.string() })),
  rules: z.array(
    z.object({ action: z.string(), grant: z.string(), repository: z.string(), via, registry: z.string().optional() }),
  ),
});
export const simulationView = z.object({
  subject: z.object({
    type: z.enum(["user", "service-account", "anonymous"]),
    name: z.string().optional(),
    admin: z.boolean().optional(),
  }),
  token: z
    .object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      scopes: z.array(z.object({ repository: z.string(), actions: z.array(z.string()) })).nullable(),
    })
    .optional(),
  repository: z.string(),
  asked: z.array(z.string()),
  authentication: z.object({ ok: z.boolean(), reason: z.string().optional() }),
  granted: z.array(z.string()),
  decision: explainedDecision,
  registryWouldSay: z.string(),
});
export type SimulationView = z.input<typeof simulationView>;

export const whoCanView = z.object({
  repository: z.string(),
  grants: z.array(grantView),
  subjects: z.array(
    z.object({
      subject: z.object({
        type: z.enum(["user", "service-account", "team", "public"]),
        name: z.string(),
        disabled: z.boolean().optional(),
      }),
      actions: z.array(z.string()),
      via: z.object({
        kind: z.enum(["admin", "grant", "team", "public"]),
        grant: z.string().optional(),
        pattern: z.string().optional(),
        team: z.string().optional(),
      }),
    }),
  ),
});
export type WhoCanView = z.input<typeof whoCanView>;

export const reachView = z.object({
  user: z.object({ username: z.string(), role, disabled: z.boolean() }),
  admin: z.boolean(),
  patterns: z.array(
    z.object({
      pattern: z.string(),
      actions: z.array(z.string()),
      via: z.array(
        z.object({
          grant: z.string(),
          type: via.shape.type,
          name: z.string(),
          actions: z.array(z.string()),
          expiresAt: timestamp.nullable(),
          /** The one registry the grant applies to (null: every registry). */
          registry: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type ReachView = z.input<typeof reachView>;

/** My own refused requests, explained. */
export const refusalsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const refusalView = z.object({
  id: z.string(),
  time: z.string(),
  action: z.string(),
  outcome: z.string(),
  repository: z.string().nullable(),
  clientIp: z.string().nullable(),
  explanations: z.array(
    z.object({
      summary: z.string(),
      fix: z.array(z.string()),
      request: z.object({ repository: z.string(), actions: z.array(z.string()) }).optional(),
    }),
  ),
});
export const refusalsView = z.object({ refusals: z.array(refusalView) });
export type RefusalsView = z.input<typeof refusalsView>;

/** My signed-in registry clients (docker login's refresh tokens). */
export const signedInClientsView = z.object({
  clients: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      clientId: z.string().nullable(),
      /** The client's User-Agent when it logged in, and its address. */
      userAgent: z.string().nullable(),
      clientIp: z.string().nullable(),
      createdAt: timestamp,
      lastUsedAt: timestamp.nullable(),
      lastUsedIp: z.string().nullable(),
      /** Signed in with an access token (it ends with that token) rather than a password. */
      fromAccessToken: z.boolean(),
      /** `docker login` (login) or a device approved in the console (device). */
      origin: z.enum(["login", "device"]),
      /** What a device called itself when it asked. */
      deviceName: z.string().nullable(),
      /** A device's repositories and actions; null: the owner's access (or the access token's). */
      scopes: z.array(z.object({ repository: z.string(), actions: z.array(z.string()) })).nullable(),
      /** When it stops working unless used again: the idle expiry or its lifetime, whichever is sooner. */
      endsAt: timestamp,
    }),
  ),
});
export type SignedInClientsView = z.input<typeof signedInClientsView>;
export const signedOut = z.object({ revoked: z.number().int() });
