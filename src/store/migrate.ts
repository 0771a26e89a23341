import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations/index.ts';
import type { OpenedStore } from './open.ts';

/**
 * Kysely finds its own tables in any schema unless told which one: with one
 * schema per instance group (or per test), it must look in its own.
 */
function migrator({ db, schema }: Pick<OpenedStore, 'db' | 'schema'>) {
  return new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/**
 * Applies every pending migration. Kysely's migrator holds a lock in the
 * database, so several instances starting at once apply each one once.
 */
export async function migrate(opened: Pick<OpenedStore, 'db' | 'schema'>): Promise<string[]> {
  const { error, results = [] } = await migrator(opened).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of migrations the database has not applied yet. */
export async function pendingMigrations(opened: Pick<OpenedStore, 'db' | 'schema'>): Promise<string[]> {
  return (await migrator(opened).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
