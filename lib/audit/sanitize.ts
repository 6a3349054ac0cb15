/** Control characters (log/terminal injection) become visible escapes; length is bounded. */
export function sanitizeText(s: string | null | undefined, max = 1000): string | null | undefined {
  if (s === null || s === undefined) return s;
  const clean = s.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** PostgreSQL's jsonb cannot hold U+0000: every string (and key) in a JSON value has it made visible. */
export function sanitizeJson(v: unknown): unknown {
  if (typeof v === "string") return v.replaceAll("\u0000", "\\u0000");
  if (Array.isArray(v)) return v.map(sanitizeJson);
  if (v && typeof v === "object" && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replaceAll("\u0000", "\\u0000"), sanitizeJson(x)]));
  }
  return v;
}
