import { z } from "zod";
import type { AuditInput } from "../audit/types";

/**
 * The distribution registry's notification envelope (application/vnd.docker.distribution.events.v1+json),
 * validated loosely where the registry varies (fields absent on some actions) and strictly where
 * the audit log depends on it (id, action, repository).
 */
const event = z.object({
  id: z.string().min(1).max(200),
  timestamp: z.string().max(100).optional(),
  action: z.enum(["push", "pull", "mount", "delete"]),
  target: z.looseObject({
    mediaType: z.string().max(200).optional(),
    size: z.number().optional(),
    length: z.number().optional(),
    digest: z.string().max(200).optional(),
    repository: z.string().min(1).max(300),
    tag: z.string().max(200).optional(),
    fromRepository: z.string().max(300).optional(),
  }),
  request: z
    .looseObject({
      id: z.string().max(200).optional(),
      addr: z.string().max(200).optional(),
      host: z.string().max(300).optional(),
      method: z.string().max(20).optional(),
      useragent: z.string().max(500).optional(),
    })
    .optional(),
  actor: z.looseObject({ name: z.string().max(255).optional() }).optional(),
  source: z
    .looseObject({ addr: z.string().max(200).optional(), instanceID: z.string().max(200).optional() })
    .optional(),
});
export const notificationEnvelope = z.object({ events: z.array(event).max(1000) });
export type RegistryEvent = z.infer<typeof event>;

const MANIFEST = /manifest|image\.index/;

/** "10.0.0.5:53422" → "10.0.0.5"; "[::1]:5000" → "::1". */
export function hostOf(addr: string | undefined): string | null {
  if (!addr) return null;
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(addr) ?? /^([^:]+)(?::\d+)?$/.exec(addr);
  return m ? m[1] : addr.slice(0, 100);
}

/** One registry event as an audit record; the registry's event id (per service) makes it idempotent. */
export function eventToAudit(e: RegistryEvent, service: string): AuditInput {
  const when = e.timestamp ? new Date(e.timestamp) : undefined;
  return {
    time: when && !Number.isNaN(when.getTime()) ? when : undefined,
    actorName: e.actor?.name || null,
    actorKind: "registry",
    credential: null,
    action: `registry.${e.action}`,
    outcome: "success",
    repository: e.target.repository,
    tag: e.target.tag ?? null,
    digest: e.target.digest ?? null,
    clientIp: hostOf(e.request?.addr),
    userAgent: e.request?.useragent ?? null,
    requestId: e.request?.id ?? null,
    externalId: `${service}:${e.id}`,
    details: {
      service,
      mediaType: e.target.mediaType ?? null,
      size: e.target.size ?? e.target.length ?? null,
      manifest: e.target.mediaType ? MANIFEST.test(e.target.mediaType) : null,
      ...(e.target.fromRepository ? { fromRepository: e.target.fromRepository } : {}),
      ...(e.source?.instanceID ? { instance: e.source.instanceID } : {}),
    },
  };
}
