import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.ts";
import type { Prisma } from "./generated/client.ts";
import type { Sql } from "./sql";
import { provideDbPool } from "../metrics/instruments";
import { changed } from "./change-feed";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";

/**
 * The one Prisma client of the process. The custom server (server.ts) and Next.js's bundle load
 * this module separately, so the instance lives on globalThis: both share one connection pool and,
 * for the embedded database, the one PGlite instance that may hold ./data.
 */
const slot = globalThis as unknown as { __portcullisDb?: PrismaClient; __portcullisSql?: Sql };

export function createClient(factory: SqlMigrationAwareDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter: factory });
}

export function installDatabase(database: { client: PrismaClient; sql: Sql } | undefined): void {
  slot.__portcullisDb = database?.client;
  slot.__portcullisSql = database?.sql;
  const stats = database?.sql.poolStats;
  if (stats) provideDbPool(stats);
}

export function db(): PrismaClient {
  const client = slot.__portcullisDb;
  if (!client) throw new Error("The database is not initialised: start Portcullis with `npm start` (server.ts).");
  return client;
}

/** Plain SQL on the same database (see ./sql.ts): only for the hot path. */
export function sql(): Sql {
  const s = slot.__portcullisSql;
  if (!s) throw new Error("The database is not initialised: start Portcullis with `npm start` (server.ts).");
  return s;
}

export type Tx = Prisma.TransactionClient;

/** Runs `work` in one transaction: a change and its audit record commit together or not at all. */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(work);
  } finally {
    // Committed (or not): what the token endpoint read before may be stale; this instance moves
    // on before it answers, the others when the database's notification reaches them.
    changed();
  }
}
