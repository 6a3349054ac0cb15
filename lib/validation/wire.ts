import { z } from "zod";

/**
 * How values cross the wire in API answers. Codecs: the server holds a Date, the JSON carries an
 * ISO 8601 string; `z.encode(schema, value)` turns the one into the other (and drops every key the
 * schema does not name), `z.decode` turns it back, and `z.input<typeof schema>` is the JSON's type.
 */
export const timestamp = z.codec(z.string().meta({ format: "date-time" }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/**
 * The one paging style for lists: `?cursor=&limit=`, answered with `nextCursor` (null on the last page).
 * A cursor is opaque to clients: pass back what the previous page answered.
 */
export function pageQuery(max: number, fallback: number, cursor: z.ZodString | z.ZodUUID = z.string().max(300)) {
  return z.object({
    cursor: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(max).default(fallback),
  });
}
export const nextCursor = z.string().nullable();

/** Paging for lists keyed by uuid: the cursor is the last id of the previous page. */
export const idPageQuery = (max: number, fallback: number) =>
  pageQuery(max, fallback, z.uuid("cursor: pass back the nextCursor of the previous page"));
