import crypto from "node:crypto";
import { jsonSafe, sanitizeText } from "./sanitize";
import type { AuditInput } from "./types";
import { auditBody, TEXT_FIELDS } from "./write";

/** A value for a hole: what the event would hold there (text, a time, or nothing for a top-level field). */
export type HoleValue = string | Date | null | undefined;

/**
 * An event's body (auditBody) rendered once with holes for what changes from one use to the next
 * (the time, the request's address and id, a token's id), then filled by concatenation: the token
 * endpoint records the same decision for every repeat of a request, and rendering it costs more
 * than deciding it. Filling writes each value as auditBody would at that place (a top-level text
 * field cleaned by sanitizeText, every string made jsonSafe), so the result is the same text.
 *
 * The time is always a hole. `build` places `hole(name)` where each other value goes, each once; a
 * nested hole must be given text when filled (an absent key would change the shape), a top-level
 * one may be null.
 */
export function bodyTemplate<H extends string>(
  names: readonly H[],
  build: (hole: (name: H) => string) => Omit<AuditInput, "time">,
): (values: Record<H | "time", HoleValue>) => string {
  // A random tag: nothing a client sends can look like a hole. ASCII, so that the pieces, and the
  // bodies made of them, stay one-byte strings (half the memory, and written out faster).
  const tag = crypto.randomBytes(12).toString("hex");
  const marker = (name: H | "time") => `hole-${tag}-${name}`;
  const holes = [...names, "time" as const];
  const event = { ...build(marker), time: marker("time") } as unknown as AuditInput;
  const text = new Set(holes.filter((h) => TEXT_FIELDS.some((f) => event[f] === marker(h))));
  const pieces = auditBody(event).split(new RegExp(`"hole-${tag}-(\\w+)"`));
  // pieces: text, hole, text, hole, ..., text
  const order = pieces.filter((_, i) => i % 2 === 1) as (H | "time")[];
  const fixed = pieces.filter((_, i) => i % 2 === 0);
  if (order.length !== holes.length || holes.some((h) => !order.includes(h)))
    throw new Error(`a body template needs each hole once: ${holes.join(", ")}; found ${order.join(", ")}`);
  return (values) => {
    let out = fixed[0];
    for (let i = 0; i < order.length; i++) {
      const h = order[i];
      out += encode(values[h], text.has(h)) + fixed[i + 1];
    }
    return out;
  };
}

function encode(v: HoleValue, isText: boolean): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  return JSON.stringify(jsonSafe(isText ? sanitizeText(v)! : v));
}
