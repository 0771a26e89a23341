import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharingCommit, transact } from '../../src/store/group-commit.ts';
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

  it('lets a statement that shares its commit join the group, and answers it only once the group is committed', async () => {
    const seenAtAnswer: string[][] = [];
    await Promise.all(
      ['s1', 's2', 's3'].map((id) => sharingCommit(db, (trx) => insert(trx, id)).then(() => seenAtAnswer.push(stored('s')))),
    );
    expect(seenAtAnswer).toEqual(Array.from({ length: 3 }, () => ['s1', 's2', 's3']));
  });

  it('commits an open group before any statement outside a transaction runs', async () => {
    const unit = transact(db, (trx) => insert(trx, 'c1'));
    // Queued behind the unit: it runs before the loop turns, when the group would commit.
    const { rows } = await sql<{ n: number }>`select count(*) as n from gc_rows where id = 'c1'`.execute(db);
    expect(rows[0]!.n).toBe(1);
    expect(stored('c')).toEqual(['c1']);
    await unit;
  });

  it('commits a transaction that does not wait for its group (as the migrator’s) at its end, and tells it when that fails', async () => {
    await db.transaction().execute((trx) => insert(trx, 'c2'));
    expect(stored('c')).toEqual(['c2']);
    await expect(
      db.transaction().execute((trx) => sql`insert into gc_child (id, parent) values ('orphan', 'nobody')`.execute(trx)),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('undoes a transaction still under way when the database closes, and commits those that ended', async () => {
    let closing!: () => void;
    const closed = new Promise<void>((resolve) => (closing = resolve));
    const ended = transact(db, (trx) => insert(trx, 'g1'));
    const halfway = transact(db, async (trx) => {
      await insert(trx, 'g2');
      closing();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await insert(trx, 'g3');
    });
    await closed;
    await db.destroy();
    await expect(halfway).rejects.toThrow();
    await ended;
    expect(stored('g')).toEqual(['g1']);
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

  it('does not hold a group open while transaction after transaction waits on a timer', async () => {
    const log: string[] = [];
    await Promise.all(
      ['f1', 'f2', 'f3'].map((id) =>
        transact(db, async (trx) => {
          await insert(trx, id);
          await new Promise((resolve) => setTimeout(resolve, 15));
          log.push(`${id} ended`);
        }).then(() => log.push(`${id} answered, ${stored('f').length} stored`)),
      ),
    );
    // The first answers as it ends, before the third has ended: the loop turned while it waited.
    expect(log.indexOf('f1 answered, 1 stored')).toBeGreaterThan(-1);
    expect(log.indexOf('f1 answered, 1 stored')).toBeLessThan(log.indexOf('f3 ended'));
    expect(stored('f')).toEqual(['f1', 'f2', 'f3']);
  });
});
