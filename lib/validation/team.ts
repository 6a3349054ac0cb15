import { z } from "zod";
import { accountName, registryRef, repositoryPattern, teamName, teamRole } from "./common";
import { grantView } from "./grant";
import { tokenView } from "./token";
import { idPageQuery, nextCursor, timestamp } from "./wire";

export const createTeamInput = z
  .object({ name: teamName, description: z.string().trim().max(500).optional() })
  .strict();
/**
 * A directory group's DN (cn=payments,ou=groups,dc=example,dc=org) or an identity provider's group
 * name: the team's members become exactly the group's (null: members set by hand).
 */
const externalGroup = z
  .string()
  .trim()
  .min(1, "the group's DN or name")
  .max(500)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "no control characters");
export const updateTeamInput = z
  .object({
    name: teamName.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    externalGroup: externalGroup.nullable().optional(),
  })
  .strict();
export const teamMemberInput = z.object({ username: accountName, role: teamRole.default("member") }).strict();
export const memberRoleInput = z.object({ role: teamRole }).strict();
/** A namespace given to a team: a pattern such as payments/*, on one registry or (absent) on all. */
export const namespaceInput = z.object({ pattern: repositoryPattern, registry: registryRef.optional() }).strict();

export const createServiceAccountInput = z
  .object({ name: accountName, description: z.string().trim().max(500).optional(), team: teamName.optional() })
  .strict();
export const updateServiceAccountInput = z
  .object({ description: z.string().trim().max(500).nullable().optional(), disabled: z.boolean().optional() })
  .strict();

// What the API answers about teams and service accounts.

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** Members managed by the directory: this group's (DN). */
  externalGroup: z.string().nullable(),
  createdAt: timestamp,
  memberCount: z.number().int(),
  grantCount: z.number().int(),
});
export type TeamView = z.input<typeof teamView>;
export const teamList = z.object({ teams: z.array(teamView), nextCursor });
export const listTeamsQuery = idPageQuery(1000, 200);
export const namespaceView = z.object({
  id: z.string(),
  pattern: z.string(),
  /** Null: every registry. */
  registry: z.string().nullable(),
  createdAt: timestamp,
});
export const namespaceList = z.object({ namespaces: z.array(namespaceView) });
export const teamDetail = teamView.extend({
  members: z.array(
    z.object({ id: z.string(), username: z.string(), displayName: z.string().nullable(), role: teamRole }),
  ),
  grants: z.array(grantView),
  namespaces: z.array(namespaceView),
  serviceAccounts: z.array(z.object({ name: z.string(), description: z.string().nullable(), disabled: z.boolean() })),
  /** What the caller may do here: run it (maintainer or admin), or only look (member, auditor). */
  yourRole: z.enum(["admin", "maintainer", "member", "viewer"]),
});
export type TeamDetail = z.input<typeof teamDetail>;
export const membershipView = z.object({
  team: z.string(),
  username: z.string(),
  member: z.boolean(),
  role: teamRole.nullable(),
});

export const serviceAccountView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  disabled: z.boolean(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: timestamp,
});
export type ServiceAccountView = z.input<typeof serviceAccountView>;
export const serviceAccountList = z.object({ serviceAccounts: z.array(serviceAccountView), nextCursor });
export const listServiceAccountsQuery = idPageQuery(1000, 200).extend({ team: teamName.optional() });
export const serviceAccountDetail = serviceAccountView.extend({
  grants: z.array(grantView),
  tokens: z.array(tokenView),
});
