import crypto from "node:crypto";
import { HASHED_FIELDS, type AuditInput } from "./types";

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

/** The hash of one event, chained to its predecessor's: changing any stored field breaks the chain. */
export function chainHash(prevHash: string | null, e: AuditInput & { time: Date }): string {
  const body: Record<string, unknown> = {};
  for (const f of HASHED_FIELDS) body[f] = e[f] ?? null;
  return crypto
    .createHash("sha256")
    .update(`${prevHash ?? ""}\n${canonicalJson(body)}`)
    .digest("hex");
}

/** One stored event as read back: its fields and its chain hashes. */
export type ChainedRow = { id: string; time: string; prevHash: string | null; hash: string | null } & Record<
  string,
  unknown
>;

export type LinkProblem = {
  id: string;
  time: string;
  problem: "altered" | "link";
  expected: string | null;
  found: string | null;
};

/** Checks one event against its predecessor's hash: null when it links and its hash is its own. */
export function checkLink(prev: string | null, r: ChainedRow): LinkProblem | null {
  if (r.prevHash !== prev) return { id: r.id, time: r.time, problem: "link", expected: prev, found: r.prevHash };
  const hash = chainHash(prev, { ...r, time: new Date(r.time) } as unknown as AuditInput & { time: Date });
  return hash === r.hash ? null : { id: r.id, time: r.time, problem: "altered", expected: hash, found: r.hash };
}
