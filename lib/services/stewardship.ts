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
  return stewardOfPerson(caller, permission);
}

/** The same for a signed-in person (console pages). */
export async function stewardOfPerson(person: { id: string; role: string }, permission: Permission): Promise<Steward> {
  if (can(person.role, permission)) return { admin: true, teams: [] };
  return { admin: false, teams: await loadStewardships(person.id) };
}
