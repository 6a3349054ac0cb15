import crypto from "node:crypto";
import type { AuditInput } from "./types";

/** JSON with object keys sorted at every depth: stable across a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const FIELDS = [
  "time", "actorId", "actorName", "actorKind", "credential", "action", "outcome", "reason", "repository",
  "tag", "digest", "requested", "granted", "details", "clientIp", "userAgent", "requestId", "externalId",
] as const;

/** The hash of one event, chained to its predecessor's: changing any stored field breaks the chain. */
export function chainHash(prevHash: string | null, e: AuditInput & { time: Date }): string {
  const body: Record<string, unknown> = {};
  for (const f of FIELDS) body[f] = e[f] ?? null;
  return crypto.createHash("sha256").update(`${prevHash ?? ""}\n${canonicalJson(body)}`).digest("hex");
}
