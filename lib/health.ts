import { db } from "./db/client";

/** Liveness: the process answers. Readiness: the database answers within a second. */
export async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const started = performance.now();
  let ready = false;
  let error: string | undefined;
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database check timed out")), 1000)),
    ]);
    ready = true;
  } catch (err) {
    error = (err as Error).message.split("\n")[0].slice(0, 200);
  }
  return {
    status: ready ? 200 : 503,
    body: {
      status: ready ? "ok" : "unavailable",
      live: true,
      ready,
      database: { ok: ready, latencyMs: Math.round((performance.now() - started) * 10) / 10, ...(error ? { error } : {}) },
    },
  };
}
