import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { ConfigError } from "../config/env";
import { DEADLINES, embeddedSql, serverSql, type Sql } from "./sql";

export interface DatabaseTarget {
  /** postgresql://… for a server; undefined for the embedded database under dataDir. */
  url?: string;
  dataDir: string;
}

export interface OpenAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * For the schema engine: one connection per engine, so its session-level advisory lock is taken
   * and released on the same session (a pooled factory can lock on one connection and leave it held).
   */
  migrationFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Plain SQL on the same database, for the hot path. */
  sql: Sql;
  kind: "postgresql" | "pglite";
  close(): Promise<void>;
}

/** Opens the driver adapter the app, the migrations and the tests share. */
export async function openAdapter(target: DatabaseTarget): Promise<OpenAdapter> {
  if (target.url) {
    const sql = serverSql(target.url);
    return {
      factory: new PrismaPg({ connectionString: target.url, max: 10, ...DEADLINES }),
      sql,
      migrationFactory: new PrismaPg({ connectionString: target.url, max: 1, connectionTimeoutMillis: 5000 }),
      kind: "postgresql",
      close: () => sql.close(),
    };
  }
  const dir = path.join(target.dataDir, "pgdata");
  // Loaded only for the embedded database: importing PGlite alone costs ~50 MB of memory, which a
  // PostgreSQL deployment never needs.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    throw new ConfigError(
      `The embedded database in ${dir} could not be opened (${(err as Error).message}). ` +
        `If it is damaged, restore ${target.dataDir} from a backup; nothing was changed.`,
    );
  }
  const factory = new PrismaPGlite(db);
  return { factory, migrationFactory: factory, sql: embeddedSql(db), kind: "pglite", close: () => db.close() };
}
