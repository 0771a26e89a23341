import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Node's built-in SQLite behind Kysely's SQLite dialect. The dialect expects a
 * better-sqlite3-shaped database; node:sqlite differs only in taking the
 * parameters spread and in telling readers by their columns.
 */
export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Only the server's own user may read it: it holds password hashes and sealed secrets.
    // SQLite gives its journal files the same mode.
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  }
  const native = new DatabaseSync(file, { timeout: 5000 });
  native.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  // Kysely prepares every query anew; preparing is the costly part in SQLite,
  // and the queries are a small fixed set, so each is prepared once.
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const bind = (params: readonly unknown[]) => params as SQLInputValue[];
  const database: SqliteDatabase = {
    close: () => native.close(),
    prepare(sqlText) {
      // A transaction takes the write lock when it begins: a deferred one that reads and then
      // writes fails at once, without waiting, when another process (a command-line task, the
      // server) wrote in between.
      const query = sqlText === 'begin' ? 'begin immediate' : sqlText;
      let prepared = statements.get(query);
      if (!prepared) {
        const statement = native.prepare(query);
        prepared = { statement, reader: statement.columns().length > 0 };
        if (statements.size < 500) statements.set(query, prepared);
      }
      const { statement, reader } = prepared;
      return {
        reader,
        all: (params) => statement.all(...bind(params)),
        run: (params) => statement.run(...bind(params)),
        iterate: (params) => statement.iterate(...bind(params)),
      };
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
