import type { DatabaseSync } from 'node:sqlite';
import type { Kysely } from 'kysely';

/**
 * Transactions on the server's one SQLite connection, committed together. Each transaction
 * (a unit) runs alone as before, inside a savepoint of a group's transaction; the group commits
 * once the event loop turns, with every unit that ran meanwhile, and each unit answers only then.
 * A commit writes every page the transaction touched to the log: a refused login code touches six,
 * and its commit took 30 % of its CPU time (profiled). Ten units that touch the same pages write
 * them once.
 *
 * What stays as it was: units never see each other half-done (one connection, one unit at a time);
 * a unit that fails loses only its own writes; nothing answers before its writes are committed.
 * What a group adds: a commit that fails (a full disk) fails every unit in it, and none of their
 * writes stay. A statement outside any unit commits the group first, so that it never reads or
 * writes beside writes that might yet be lost.
 */
export interface GroupCommit {
  /** Kysely's `begin`: a savepoint for the unit, in the open group or a new one. */
  begin(): void;
  /** Kysely's `commit`: the unit's writes join its group, which commits when the loop turns. */
  end(): void;
  /** Kysely's `rollback`: the unit's own writes go; its group's other units stay. */
  rollback(): void;
  /** Any other statement: outside a unit, the open group commits first. */
  beforeStatement(): void;
  /** Asked inside a unit: settles once the group holding it has committed, rejects if that failed. */
  committed(): Promise<void>;
  /** Commits an open group now: before the database closes. */
  flush(): void;
}

interface Group {
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export function groupCommit(native: DatabaseSync): GroupCommit {
  // The group takes the write lock as it begins: a deferred one that reads and then writes fails
  // at once, without waiting, when another process (a command-line task) wrote in between.
  const statements = {
    begin: native.prepare('begin immediate'),
    commit: native.prepare('commit'),
    rollback: native.prepare('rollback'),
    savepoint: native.prepare('savepoint unit'),
    release: native.prepare('release unit'),
    rollbackTo: native.prepare('rollback to unit'),
  };
  let group: Group | undefined;
  let inUnit = false;
  let scheduled = false;

  function commit() {
    const open = group;
    if (!open) return;
    group = undefined;
    try {
      statements.commit.run();
      open.resolve();
    } catch (error) {
      if (native.isTransaction) statements.rollback.run();
      open.reject(error);
    }
  }

  /** Once the loop turns: units that were waiting for the connection have joined by then. */
  function commitSoon() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      // A unit still running (it waits for a timer or the thread pool) schedules again as it ends.
      if (!inUnit) commit();
    });
  }

  return {
    begin() {
      if (!group) {
        statements.begin.run();
        const { promise, resolve, reject } = Promise.withResolvers<void>();
        // Its units wait for it only after Kysely has handed the connection back: a commit that
        // fails before then must not count as a rejection nobody handles.
        promise.catch(() => undefined);
        group = { committed: promise, resolve, reject };
      }
      statements.savepoint.run();
      inUnit = true;
    },
    end() {
      statements.release.run();
      inUnit = false;
      commitSoon();
    },
    rollback() {
      // Kysely rolls back after a `begin` that failed too: then there is no unit to undo.
      if (!inUnit) return;
      inUnit = false;
      if (native.isTransaction) {
        statements.rollbackTo.run();
        statements.release.run();
        commitSoon();
        return;
      }
      // SQLite ended the whole transaction (an I/O error, a full disk): the group's writes are gone.
      const lost = group;
      group = undefined;
      lost?.reject(new Error('SQLite rolled back the transaction of this group when a unit in it failed'));
    },
    beforeStatement() {
      if (!inUnit) commit();
    },
    committed: () => group?.committed ?? Promise.resolve(),
    flush: commit,
  };
}

/** The group commit of each SQLite database, by its Kysely adapter: a database's transactions share it. */
const groups = new WeakMap<object, GroupCommit>();

export const registerGroupCommit = <DB>(db: Kysely<DB>, group: GroupCommit) => groups.set(db.getExecutor().adapter, group);

/**
 * Runs work in one transaction of db, or in db's own when it is one, and settles once its writes
 * are committed: on SQLite, when its group commits; PostgreSQL commits each at its end.
 */
export async function transact<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  let committed: Promise<void> | undefined;
  const result = await db.transaction().execute(async (trx) => {
    const value = await work(trx);
    // Asked inside the unit, as its group cannot commit while the unit runs.
    committed = groups.get(db.getExecutor().adapter)?.committed();
    return value;
  });
  await committed;
  return result;
}
