import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';
import { createStore } from './store.ts';
import { openSqlite } from './sqlite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenedStore {
  store: Store;
  db: Kysely<Database>;
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** PostgreSQL when a URL is given, else the SQLite file in the data folder. */
export function openStore(options: { databaseUrl?: string | undefined; dataDir: string; schema?: string }): OpenedStore {
  if (options.databaseUrl) {
    const { db } = openPostgres({ url: options.databaseUrl, ...(options.schema ? { schema: options.schema } : {}) });
    return { store: createStore(db, { rowLocks: true }), db, kind: 'postgres', close: () => db.destroy() };
  }
  const db = openSqlite(join(options.dataDir, 'helpcenter.sqlite'));
  return { store: createStore(db, { rowLocks: false }), db, kind: 'sqlite', close: () => db.destroy() };
}
