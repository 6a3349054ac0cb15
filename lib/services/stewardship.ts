import type { Caller } from "../auth/caller";
import type { Steward } from "../auth/delegation";
import { can, type Permission } from "../auth/permissions";
import { loadStewardships } from "../db/namespaces";

export type { Steward } from "../auth/delegation";

/**
 * What a caller may do through teams on a delegated route: everything when their role holds the
 * route's permission (admin: true), otherwise what their team memberships give. Only people steward.
 */
export async function stewardOf(caller: Caller, permission: Permission): Promise<Steward> {
  if (caller.kind !== "user") return { admin: false, teams: [] };
  if (can(caller.role, permission)) return { admin: true, teams: [] };
  return { admin: false, teams: await loadStewardships(caller.id) };
}
