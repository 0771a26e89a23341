import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transact } from '../../src/store/group-commit.ts';
import { openSqlite } from '../../src/store/sqlite.ts';

// Transactions on the server's SQLite connection commit in groups (src/store/group-commit.ts).
// What another process sees of the file tells what is committed: here a second connection.

describe('transactions on SQLite, committed in groups', () => {
  let dir: string;
  let db: Kysely<any>;
  let observer: DatabaseSync;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helpcenter-group-'));
    db = openSqlite(join(dir, 'group.sqlite')) as Kysely<any>;
    await sql`create table gc_rows (id text primary key)`.execute(db);
    await sql`create table gc_parent (id text primary key)`.execute(db);
    await sql`create table gc_child (id text primary key, parent text references gc_parent (id) deferrable initially deferred)`.execute(
      db,
    );
    observer = new DatabaseSync(join(dir, 'group.sqlite'));
  });
  afterEach(async () => {
    observer.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (trx: Kysely<any>, id: string) => sql`insert into gc_rows (id) values (${id})`.execute(trx);
  const stored = (prefix: string) =>
    (observer.prepare('select id from gc_rows where id like ? order by id').all(`${prefix}%`) as { id: string }[]).map(
      (row) => row.id,
    );

  it('answers each of several transactions run at once only when all are committed, together', async () => {
    const seenAtAnswer: string[][] = [];
    await Promise.all(
      ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) =>
        transact(db, (trx) => insert(trx, id)).then(() => seenAtAnswer.push(stored('a'))),
      ),
    );
    expect(seenAtAnswer).toEqual(Array.from({ length: 5 }, () => ['a1', 'a2', 'a3', 'a4', 'a5']));
  });

  it('loses only the writes of a transaction that fails, never those of its neighbours in the group', async () => {
    const results = await Promise.allSettled([
      transact(db, (trx) => insert(trx, 'b1')),
      transact(db, async (trx) => {
        await insert(trx, 'b2');
        throw new Error('refused halfway');
      }),
      transact(db, (trx) => insert(trx, 'b3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(stored('b')).toEqual(['b1', 'b3']);
  });

  it('commits an open group before any statement outside a transaction, and before the database closes', async () => {
    // Kysely's own transaction does not wait for the group: only `transact` answers after the commit.
    await db.transaction().execute((trx) => insert(trx, 'c1'));
    expect(stored('c')).toEqual([]);
    await sql`select 1`.execute(db);
    expect(stored('c')).toEqual(['c1']);

    await db.transaction().execute((trx) => insert(trx, 'c2'));
    await db.destroy();
    expect(stored('c')).toEqual(['c1', 'c2']);
    db = openSqlite(join(dir, 'group.sqlite')) as Kysely<any>;
  });

  it('fails every transaction of a group whose commit fails, keeps none of their writes, and goes on after', async () => {
    // A deferred foreign key is checked only at the commit: the group's commit refuses it.
    const results = await Promise.allSettled([
      transact(db, (trx) => insert(trx, 'd1')),
      transact(db, (trx) => sql`insert into gc_child (id, parent) values ('orphan', 'nobody')`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(stored('d')).toEqual([]);

    await transact(db, (trx) => insert(trx, 'd2'));
    expect(stored('d')).toEqual(['d2']);
  });

  it('fails the transactions beside one whose failure made SQLite end the whole group', async () => {
    const results = await Promise.allSettled([
      transact(db, (trx) => insert(trx, 'e1')),
      transact(db, async (trx) => {
        await insert(trx, 'e2');
        // What an I/O error or a full disk does: SQLite rolls the whole transaction back.
        await sql`ROLLBACK`.execute(trx);
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(stored('e')).toEqual([]);

    await transact(db, (trx) => insert(trx, 'e3'));
    expect(stored('e')).toEqual(['e3']);
  });

  it('keeps a group open while one of its transactions waits on a timer, and commits both after', async () => {
    const slow = transact(db, async (trx) => {
      await insert(trx, 'f1');
      await new Promise((resolve) => setTimeout(resolve, 30));
      await insert(trx, 'f2');
    });
    const quick = transact(db, (trx) => insert(trx, 'f3'));
    await Promise.all([slow, quick]);
    expect(stored('f')).toEqual(['f1', 'f2', 'f3']);
  });
});
