import { z } from "zod";
import { AppError } from "../errors";

/** Path parameters are input too: a malformed one is 404 (no such thing), never a crash. */
export function param<T extends string = string>(
  params: Record<string, string>,
  key: string,
  schema: z.ZodType<T> = z.string().min(1).max(255) as unknown as z.ZodType<T>,
): T {
  const r = schema.safeParse(decodeURIComponent(params[key] ?? ""));
  if (!r.success) throw new AppError("not_found", `no such ${key}`);
  return r.data;
}

export const uuid = z.uuid();
