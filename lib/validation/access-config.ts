import { z } from "zod";

/** `portcullis apply`: the YAML document as text (lines in errors refer to it), and how to apply it. */
export const applyAccessConfigInput = z
  .object({
    document: z.string().min(1, "the document is empty").max(4_000_000, "the document is larger than 4 MB"),
    dryRun: z.boolean().default(false),
    prune: z.boolean().default(false),
  })
  .strict();

export const accessConfigApplied = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  changes: z.array(
    z.object({
      op: z.enum(["create", "update", "delete"]),
      kind: z.enum(["settings", "registry", "user", "team", "serviceAccount", "grant"]),
      name: z.string(),
      summary: z.string(),
    }),
  ),
  notes: z.array(z.string()),
});
