import { z } from "zod";
import { isRepositoryPattern } from "../registry/names";

/**
 * Account names (users and service accounts) must survive `docker login -u NAME`, htpasswd files,
 * shells and CI variables: lowercase letters, digits, ".", "_" and "-", starting with a letter or
 * digit. No "$" (Harbor's robot$ breaks bash), no ":" (the Basic auth separator), no spaces.
 */
export const accountName = z
  .string()
  .trim()
  .min(2, "at least 2 characters")
  .max(64, "at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' and '-' only, starting with a letter or digit");

/** Team names follow the account-name grammar (they appear in the same places). */
export const teamName = accountName;

export const password = z.string().min(8, "at least 8 characters").max(256, "at most 256 characters");

export const repositoryPattern = z.string().trim().refine(isRepositoryPattern, {
  message: "not a repository name or pattern: lowercase path components like team/app, with * as a wildcard (team/*)",
});

/** A registry by its name (as on the Registry page), in inputs that bind something to one registry. */
export const registryRef = z.string().trim().min(1, "name a registry").max(64);

/** A person's role in a team: maintainers run the team's namespaces (lib/auth/delegation.ts). */
export const teamRole = z.enum(["maintainer", "member"]);

export const repositoryAction = z.enum(["pull", "push", "delete"]);
export const actionList = z
  .array(repositoryAction)
  .min(1, "choose at least one action")
  .transform((a) => [...new Set(a)].sort());

/** The one list of roles: what each may do is in lib/auth/permissions.ts. */
export const ROLES = ["admin", "auditor", "user"] as const;
export type Role = (typeof ROLES)[number];
export const role = z.enum(ROLES);

const DAY_MS = 86_400_000;

/**
 * When something lapses: an ISO 8601 instant with its offset ("2026-12-31T18:00:00Z") or a date
 * ("2026-12-31": through that whole day, UTC). In the future, at most ten years ahead.
 */
export const expiryTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "an expiry: a date (2026-12-31) or an ISO 8601 time with its offset (2026-12-31T18:00:00Z)",
  })
  .transform((s) => (s.length === 10 ? new Date(Date.parse(`${s}T00:00:00Z`) + DAY_MS) : new Date(s)))
  .refine((d) => d.getTime() > Date.now(), "the expiry must be in the future")
  .refine((d) => d.getTime() <= Date.now() + 3650 * DAY_MS, "the expiry must be within ten years");
