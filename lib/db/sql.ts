import type { PGlite, Transaction } from "@electric-sql/pglite";
import crypto from "node:crypto";
import pg from "pg";

/**
 * Runs one parameterised statement and returns its rows. `prepare: false` for statements whose
 * best plan depends on the values (a LIKE prefix, a selective filter): planned on every run.
 */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[], opts?: { prepare?: boolean }) => Promise<T[]>;

/**
 * Plain SQL beside Prisma, for the few statements on the token endpoint's hot path (one round
 * trip per request) and for batched audit inserts. Everything else goes through Prisma.
 */
export interface Sql {
  query: Query;
  /** Runs `work` in a transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * PostgreSQL server: a small pool of its own (Prisma keeps its own pool). Statements are prepared
 * once per connection under a name derived from their text, so PostgreSQL plans the hot path's
 * joins once instead of on every request (planning cost more than running them).
 */
export function serverSql(connectionString: string, max = 8): Sql {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
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
      (await c.query(opts?.prepare === false ? { text, values: params } : { name: nameOf(text), text, values: params })).rows;
  return {
    query: on(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await work(on(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
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
  };
}
