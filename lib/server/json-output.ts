/**
 * In production every line Portcullis writes is one JSON object, so log shippers parse the stream
 * whole. Lines other code prints as text (Next.js's "✓ Ready", a library's warning) are wrapped as
 * {"time","level","msg","source":"next"} instead of breaking it. Our own logger writes JSON and
 * passes through untouched.
 */
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export function wrapLine(text: string, level: "info" | "warn", now = new Date()): string {
  return text
    .split("\n")
    .map((l) => l.replace(ANSI, "").trim())
    .filter(Boolean)
    .map((msg) => `${JSON.stringify({ time: now.toISOString(), level, msg, source: "next" })}\n`)
    .join("");
}

export function keepOutputJson(): void {
  for (const [stream, level] of [
    [process.stdout, "info"],
    [process.stderr, "warn"],
  ] as const) {
    // The reader of our output gone (a closed pipe: EPIPE): nothing can be told to anyone, so the
    // error is dropped. Unhandled, it became an uncaught exception whose handler (Next.js's)
    // logged it to the same closed stream, again and again: a process spinning a core forever.
    stream.on("error", () => {});
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      if (text.startsWith("{")) return write(chunk, ...rest);
      const callback = rest.find((r): r is (err?: Error | null) => void => typeof r === "function");
      const wrapped = wrapLine(text, level);
      if (!wrapped) {
        callback?.();
        return true;
      }
      return callback ? write(wrapped, callback) : write(wrapped);
    }) as typeof stream.write;
  }
}
