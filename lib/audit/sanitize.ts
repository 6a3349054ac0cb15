/**
 * Control characters (log/terminal injection) become visible escapes, half a surrogate pair (which
 * PostgreSQL refuses in JSON) U+FFFD; length is bounded.
 */
export function sanitizeText(s: string | null | undefined, max = 1000): string | null | undefined {
  if (s === null || s === undefined) return s;
  const clean = s
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A string PostgreSQL's JSON takes: U+0000 made visible, half a surrogate pair U+FFFD. */
export const jsonSafe = (s: string) => s.toWellFormed().replaceAll("\u0000", "\\u0000");
