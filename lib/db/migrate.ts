import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readMigrationList, readSchema, withSchemaEngine } from "./schema-engine";

/** Applies every pending migration in prisma/migrations; returns the names applied. */
export function applyPendingMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withSchemaEngine(factory, undefined, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList: readMigrationList(),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database built from the migrations to the state schema.prisma describes.
 * Empty when they agree. Replays the migrations in a shadow database.
 */
export function diffMigrationsToSchema(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = readSchema();
  return withSchemaEngine(factory, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrationList() },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result.stdout ?? "").trim();
  });
}

let expected: string[] | undefined;
/** Migrations prisma/migrations has that the database has not finished applying (readiness). */
export async function pendingMigrations(query: (text: string) => Promise<{ name: string }[]>): Promise<string[]> {
  expected ??= readMigrationList().migrationDirectories.map((m) => m.path);
  const applied = new Set(
    (
      await query(
        `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).map((r) => r.name),
  );
  return expected.filter((m) => !applied.has(m));
}
