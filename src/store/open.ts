import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';
import { createStore } from './store.ts';
import { openSqlite } from './sqlite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenedStore {
  store: Store;
  db: Kysely<Database>;
  kind: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema the tables live in (`public` unless DATABASE_SCHEMA says otherwise). */
  schema?: string;
  /** PostgreSQL's pool, for the metrics. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/**
 * The configured database, ready for migrations: PostgreSQL's schema is made
 * when missing, so `npm run migrate` and the server agree on where tables live.
 */
export async function openDatabase(config: {
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  dataDir: string;
}): Promise<OpenedStore> {
  const opened = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  });
  if (opened.kind === 'postgres' && config.databaseSchema) {
    try {
      await sql`create schema if not exists ${sql.id(config.databaseSchema)}`.execute(opened.db);
    } catch (error) {
      // Two instances creating it at the same moment: "if not exists" does not cover that race.
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') {
        await opened.close();
        throw error;
      }
    }
  }
  return opened;
}

/** PostgreSQL when a URL is given, else the SQLite file in the data folder. */
export function openStore(options: { databaseUrl?: string | undefined; dataDir: string; schema?: string }): OpenedStore {
  if (options.databaseUrl) {
    const { db, pool } = openPostgres({ url: options.databaseUrl, ...(options.schema ? { schema: options.schema } : {}) });
    return {
      store: createStore(db, { rowLocks: true }),
      db,
      kind: 'postgres',
      schema: options.schema ?? 'public',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  const db = openSqlite(join(options.dataDir, 'helpcenter.sqlite'));
  return { store: createStore(db, { rowLocks: false }), db, kind: 'sqlite', close: () => db.destroy() };
}
