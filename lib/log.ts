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

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_k, v) =>
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
