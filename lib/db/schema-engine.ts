import { live } from "../config/env";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(wasm: WebAssembly.Exports): void;
};

let gluePromise: Promise<Glue> | undefined;

/**
 * Loads Prisma's official wasm build of the schema engine (the native one cannot be downloaded here).
 * Instantiated by hand so no --experimental-wasm-modules flag is needed.
 */
function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Glue;
    const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on ";", which breaks any function
 * body ($$ … ; … $$). node-postgres's simple query protocol takes a whole script, dollar quotes
 * and all, in one implicit transaction, as `prisma migrate deploy` does: use that.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  if (!(driver instanceof pg.Pool || driver instanceof pg.Client)) return adapter;
  const onError = (adapter as unknown as { onError?: (e: unknown) => never }).onError?.bind(adapter);
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeScript") {
        return async (script: string) => {
          try {
            await driver.query(script);
          } catch (err) {
            if (onError) onError(err);
            throw err;
          }
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * Runs `work` with a schema engine over `factory`, then frees the engine and disposes every
 * connection it opened: the engine does not close them itself, and a leaked connection would keep
 * holding its migration advisory lock, so the next migration run would wait for it forever.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string } | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadGlue();
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember(adapter: SqlDriverAdapter) {
    opened.push(adapter);
    return wholeScripts(adapter);
  }
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
      (msg: string) => {
        if (live.debugSchemaEngine()) process.stderr.write(`[schema-engine] ${msg}\n`);
      },
      bindMigrationAwareSqlAdapterFactory(tracked),
    );
    return await work(engine);
  } finally {
    engine?.free();
    // Shadow databases last-in first-out, so each is dropped through a connection still open.
    for (const adapter of opened.reverse()) await adapter.dispose().catch(() => {});
  }
}

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const SCHEMA_FILE = path.resolve("prisma/schema.prisma");

/** Reads prisma/migrations in the shape the engine takes (the same layout `prisma migrate` uses). */
export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const entries = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: entries.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok", value: fs.readFileSync(file, "utf8") }
            : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  } as MigrationList;
}

export function readSchema(file = SCHEMA_FILE) {
  return { path: file, content: fs.readFileSync(file, "utf8") };
}
