import { createRequire } from 'node:module';
import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The driver is required when PostgreSQL is opened, not imported with this module: the SQLite
 * default then never loads it (pg and its parts hold about 1.5 MiB of heap). `require`, because
 * opening a store is synchronous and pg is a CommonJS package.
 */
function loadPg(): typeof pg {
  const driver = createRequire(import.meta.url)('pg') as typeof pg;
  // bigint columns hold epoch milliseconds, far inside Number's safe range.
  driver.types.setTypeParser(driver.types.builtins.INT8, (value) => Number(value));
  return driver;
}

export interface PostgresOptions {
  url: string;
  /** A schema other than public: each test run gets its own. */
  schema?: string;
  poolSize?: number;
}

export function openPostgres({ url, schema, poolSize = 10 }: PostgresOptions): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection that breaks must not take the process down. The pool handles
  // its idle ones; one in use (between the queries of a transaction) would
  // emit an unhandled 'error'. Its query fails instead (503), and the pool
  // drops the broken client when it comes back: the next request gets a new one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
