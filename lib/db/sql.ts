import type { PGlite, Transaction } from "@electric-sql/pglite";
import crypto from "node:crypto";
import pg from "pg";

/**
 * Runs one parameterised statement and returns its rows. `prepare: false` for statements whose
 * best plan depends on the values (a LIKE prefix, a selective filter): planned on every run.
 */
export type Query = <T = Record<string, unknown>>(
  text: string,
  params?: unknown[],
  opts?: { prepare?: boolean; timeoutMs?: number },
) => Promise<T[]>;

/**
 * Plain SQL beside Prisma, for the few statements on the token endpoint's hot path (one round
 * trip per request) and for batched audit inserts. Everything else goes through Prisma.
 */
export interface Sql {
  query: Query;
  /** Runs `work` in a transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * LISTENs on `channel` on a connection of its own: `onNotify` for each notification, `onUp`
   * whenever listening (re)starts and `onDown` when it stops (the server gone: it retries every
   * second). Returns the way to stop.
   */
  listen(channel: string, on: { notify(): void; up(): void; down(): void }): () => Promise<void>;
  /** The pool's connections (PostgreSQL); the embedded database has none to count. */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/**
 * Every statement has a deadline, on the server (statement_timeout) and on the client
 * (query_timeout, which also covers a server that went silent: a half-open connection after a
 * failover answers nothing, and TCP alone would notice only after minutes); connections are kept
 * alive, so idle ones to a vanished server are found. A timed-out query's connection is closed
 * (pg's pool does so for pool.query; transactions release with their error), so the pool heals
 * by itself. Retention, the one long statement, lifts the server's deadline for its transaction.
 */
export const STATEMENT_DEADLINE_MS = 5_000;
export const DEADLINES = {
  connectionTimeoutMillis: 5_000,
  statement_timeout: STATEMENT_DEADLINE_MS,
  query_timeout: STATEMENT_DEADLINE_MS + 1_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} as const;

/**
 * PostgreSQL server: a small pool of its own (Prisma keeps its own pool). Statements are prepared
 * once per connection under a name derived from their text, so PostgreSQL plans the hot path's
 * joins once instead of on every request (planning cost more than running them).
 */
export function serverSql(connectionString: string, max = 8): Sql {
  const pool = new pg.Pool({ connectionString, max, ...DEADLINES });
  pool.on("error", () => {}); // an idle client dropped by the server is replaced on next use
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `pc_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 16)}`));
    return name;
  };
  const on =
    (c: pg.Pool | pg.PoolClient): Query =>
    async (text, params, opts) =>
      (
        await c.query({
          text,
          values: params,
          ...(opts?.prepare === false ? {} : { name: nameOf(text) }),
          ...(opts?.timeoutMs ? { query_timeout: opts.timeoutMs } : {}),
        })
      ).rows;
  return {
    query: on(pool),
    transaction: (work) =>
      inTransaction(pool, async (client) => {
        await client.query("BEGIN");
        const out = await work(on(client));
        await client.query("COMMIT");
        return out;
      }),
    close: () => pool.end(),
    listen: (channel, on) => listenOn(connectionString, channel, on),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** Work on one pooled connection that began a transaction: rolled back if it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    return await work(client);
  } catch (err) {
    failed = err as Error;
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    // After a failure the connection may be stuck (a query that timed out is still pending on
    // it): it is closed rather than handed to the next request.
    client.release(failed);
  }
}

/** The embedded database: the same PGlite instance Prisma's adapter uses. */
export function embeddedSql(db: PGlite): Sql {
  const on =
    (c: PGlite | Transaction): Query =>
    async <T>(text: string, params?: unknown[]) =>
      (await c.query<T>(text, params)).rows;
  return {
    query: on(db),
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    close: async () => {},
    listen(channel, on) {
      // In-process: notifications are delivered by the one PGlite instance, which cannot go away.
      const stop = db.listen(channel, () => on.notify());
      on.up();
      return async () => (await stop)();
    },
  };
}

/** A dedicated connection that LISTENs, reconnecting every second while the server is away. */
function listenOn(connectionString: string, channel: string, on: { notify(): void; up(): void; down(): void }) {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({
      connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      on.down();
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), 1_000);
    };
    c.on("error", lost);
    c.on("end", lost);
    c.on("notification", () => on.notify());
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      on.up();
    } catch {
      lost();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}
