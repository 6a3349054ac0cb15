/** Role permissions: pure, table-driven. Unknown roles have none (fail closed). */
export type Permission =
  | "users:read"
  | "users:write"
  | "teams:read"
  | "teams:write"
  | "service_accounts:read"
  | "service_accounts:write"
  | "grants:read"
  | "grants:write"
  | "tokens:manage_any"
  | "tokens:read_any"
  | "audit:read"
  | "registries:read"
  | "registries:write"
  /** Probing a registry makes outbound requests: admins and auditors only. */
  | "registries:check"
  | "settings:write"
  | "keys:write";

const READS: Permission[] = [
  "users:read",
  "teams:read",
  "service_accounts:read",
  "grants:read",
  "tokens:read_any",
  "audit:read",
  "registries:read",
  "registries:check",
];

const TABLE: Record<string, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    ...READS,
    "users:write",
    "teams:write",
    "service_accounts:write",
    "grants:write",
    "tokens:manage_any",
    "registries:write",
    "settings:write",
    "keys:write",
  ]),
  auditor: new Set<Permission>(READS),
  user: new Set<Permission>(["registries:read"]),
};

export function can(role: string | undefined, permission: Permission): boolean {
  return Boolean(role && TABLE[role]?.has(permission));
}
