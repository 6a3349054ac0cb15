import { z } from "zod";
import { auditFilterQuery } from "./audit";
import { timestamp } from "./wire";

/** How many views one person keeps. */
export const MAX_SAVED_VIEWS = 50;

/** The audit page's query string ("actor=alice&operation=push"), kept only if it is a filter the page takes. */
const auditPageQuery = z
  .string()
  .max(2000)
  .transform((q) => q.replace(/^\?/, ""))
  .superRefine((q, ctx) => {
    const params = new URLSearchParams(q);
    const keys = [...params.keys()];
    const known = Object.keys(auditFilterQuery.shape);
    const unknown = keys.find((k) => !known.includes(k));
    if (unknown) return void ctx.addIssue({ code: "custom", message: `"${unknown}" is not an audit filter` });
    if (new Set(keys).size !== keys.length) return void ctx.addIssue({ code: "custom", message: "each filter once" });
    const parsed = auditFilterQuery.safeParse(Object.fromEntries(params));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      ctx.addIssue({ code: "custom", message: `${i.path.join(".")}: ${i.message}` });
    }
  });

export const savedViewInput = z
  .object({
    name: z.string().trim().min(1, "give the view a name").max(60),
    query: auditPageQuery,
  })
  .strict();

export const savedViewView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  createdAt: timestamp,
});
export type SavedViewView = z.input<typeof savedViewView>;
export const savedViewList = z.object({ views: z.array(savedViewView) });
