import { live } from "./config/env";
import { sanitizeText } from "./audit/sanitize";

/**
 * A small structured logger: one JSON line per event on stdout/stderr. Values are escaped for
 * control characters; callers pass ids and prefixes, never secrets.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const REDACT =
  /(pct|pcr|pcf)_[0-9A-Za-z_-]{12,}|eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+|Basic\s+[A-Za-z0-9+/=]{8,}/g;

function threshold(): number {
  return ORDER[(live.logLevel() as Level) ?? "info"] ?? ORDER.info;
}

/** What the careful pass below may change, as it shows in JSON text: escapes, C1 controls, separators, a secret. */
const NEEDS_CARE = new RegExp(`[\\\\\u007f-\u009f\u2028\u2029]|${REDACT.source}`);

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const entry = { time: new Date().toISOString(), level, msg, ...fields };
  // Most lines (an access log line per request) hold nothing to clean: written as they are when
  // their text shows no escape, control, separator or secret and no string can exceed the bound.
  let line = JSON.stringify(entry);
  if (line.length > 4000 || NEEDS_CARE.test(line))
    line = JSON.stringify(entry, (_k, v) =>
      typeof v === "string" ? sanitizeText(v, 4000)!.replace(REDACT, "[redacted]") : v,
    );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
