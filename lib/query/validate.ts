import type { z } from "zod";

/** Validates form input with the server's own zod schema; a message a person can act on, or the data. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.infer<S>; error: null } | { data: null; error: string } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, error: null };
  const i = parsed.error.issues[0];
  return { data: null, error: `${i.path.join(".") || "input"}: ${i.message}` };
}
