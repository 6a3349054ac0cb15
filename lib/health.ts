import { pendingMigrationNames, pingDatabase } from "./db/overview";
import { activeSigner } from "./token-server/signer";

/**
 * Probes for orchestrators. Liveness (`/api/health/live`) says the process answers and never
 * touches the database, so an outage of the database does not get pods restarted. Readiness
 * (`/api/health/ready`) says this instance can issue a token: the database answers, its
 * migrations are current, and the active signing key decrypts with this instance's key, each
 * within a second. `/api/health` is the combined answer.
 */
type Check = { ok: boolean; latencyMs: number; error?: string };
const DEADLINE_MS = 1000;

async function check(work: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), DEADLINE_MS);
      }),
    ]);
    return { ok: true, latencyMs: ms(started) };
  } catch (err) {
    return { ok: false, latencyMs: ms(started), error: (err as Error).message.split("\n")[0].slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}
const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;

export function liveness(): { status: number; body: Record<string, unknown> } {
  return { status: 200, body: { status: "ok", live: true } };
}

export async function readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
  const [database, migrations, signingKey] = await Promise.all([
    check(pingDatabase),
    check(async () => {
      const pending = await pendingMigrationNames();
      if (pending.length) throw new Error(`pending migrations: ${pending.join(", ")}`);
    }),
    check(() => activeSigner()),
  ]);
  const ready = database.ok && migrations.ok && signingKey.ok;
  return {
    status: ready ? 200 : 503,
    body: { status: ready ? "ok" : "unavailable", live: true, ready, database, migrations, signingKey },
  };
}
