import { z } from "zod";
import { accountName, teamName } from "./common";

export const createTeamInput = z.object({ name: teamName, description: z.string().trim().max(500).optional() }).strict();
export const updateTeamInput = z
  .object({ name: teamName.optional(), description: z.string().trim().max(500).nullable().optional() })
  .strict();
export const teamMemberInput = z.object({ username: accountName }).strict();

export const createServiceAccountInput = z
  .object({ name: accountName, description: z.string().trim().max(500).optional(), team: teamName.optional() })
  .strict();
export const updateServiceAccountInput = z
  .object({ description: z.string().trim().max(500).nullable().optional(), disabled: z.boolean().optional() })
  .strict();
