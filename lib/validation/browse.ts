import { z } from "zod";

export const repositoriesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  last: z.string().max(300).optional(),
  n: z.coerce.number().int().min(1).max(100).default(50),
});
export const tagsQuery = z.object({ repository: z.string().min(1).max(300), last: z.string().max(200).optional(), n: z.coerce.number().int().min(1).max(100).default(20) });
export const manifestQuery = z.object({ repository: z.string().min(1).max(300), reference: z.string().min(1).max(200) });
export const deletePreviewQuery = z.object({ repository: z.string().min(1).max(300), tag: z.string().min(1).max(200) });
export const deleteInput = z.object({ repository: z.string().min(1).max(300), digest: z.string().min(1).max(100), tags: z.array(z.string().max(200)).max(5000).default([]) }).strict();
export const browseTokenQuery = z.object({ repository: z.string().min(1).max(300) });
