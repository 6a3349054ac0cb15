import type { Role } from "../validation/common";

/**
 * Groups from the directory (DNs) and the identity provider (names) compare the same way: without
 * case, and without spaces around a DN's separators.
 */
export const normalizeGroup = (group: string) =>
  group
    .trim()
    .replace(/\s*([,=+])\s*/g, "$1")
    .toLowerCase();

/** Administrator, auditor or user, from the groups someone is in (administrator wins). */
export function roleFromGroups(
  groups: readonly string[],
  cfg: { adminGroups: readonly string[]; auditorGroups: readonly string[] },
): Role {
  const has = (list: readonly string[]) => list.some((g) => groups.includes(normalizeGroup(g)));
  return has(cfg.adminGroups) ? "admin" : has(cfg.auditorGroups) ? "auditor" : "user";
}
