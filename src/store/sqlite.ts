import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';
import { groupCommit, registerGroupCommit } from './group-commit.ts';

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
  const group = groupCommit(native);
  // Kysely's own transaction statements: the group commit runs them, by statements of its own.
  const done = { reader: false, all: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }), iterate: () => [].values() };
  const transactionStatements = new Map([
    ['begin', group.begin],
    ['commit', group.end],
    ['rollback', group.rollback],
  ]);
  const database: SqliteDatabase = {
    close: () => {
      group.flush();
      native.close();
    },
    prepare(sqlText) {
      const transactionStatement = transactionStatements.get(sqlText);
      if (transactionStatement) return (transactionStatement(), done);
      group.beforeStatement();
      let prepared = statements.get(sqlText);
      if (!prepared) {
        const statement = native.prepare(sqlText);
        prepared = { statement, reader: statement.columns().length > 0 };
        if (statements.size < 500) statements.set(sqlText, prepared);
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  registerGroupCommit(db, group);
  return db;
}
