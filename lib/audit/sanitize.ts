/** What sanitizeText makes visible: C0 and C1 controls, DEL, and the two JavaScript line separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

/**
 * Control characters (log/terminal injection) become visible escapes, half a surrogate pair (which
 * PostgreSQL refuses in JSON) U+FFFD; length is bounded. Text that needs none of it is returned as
 * it came (the common case, checked without copying).
 */
export function sanitizeText(s: string | null | undefined, max = 1000): string | null | undefined {
  if (s === null || s === undefined) return s;
  if (s.length <= max && s.isWellFormed() && !UNSAFE.test(s)) return s;
  const clean = s.toWellFormed().replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Whether jsonSafe would change a string. */
export const needsJsonSafe = (s: string) => !s.isWellFormed() || s.includes("\u0000");

/** A string PostgreSQL's JSON takes: U+0000 made visible, half a surrogate pair U+FFFD. */
export const jsonSafe = (s: string) => (needsJsonSafe(s) ? s.toWellFormed().replaceAll("\u0000", "\\u0000") : s);
