import type { DatabaseSync } from 'node:sqlite';
import type { Kysely } from 'kysely';

/**
 * Transactions on the server's one SQLite connection, committed together. Each transaction
 * (a unit) runs alone as before, inside a savepoint of a group's transaction; the group commits
 * once the event loop turns, with every unit that ran meanwhile, and each unit answers only then.
 * A commit writes every page the transaction touched to the log, and takes and gives back its
 * locks: a refused login code touches six pages, and its begin and commit were a fifth of the
 * server's busy time (profiled). Ten units that touch the same pages write them once.
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
  /**
   * Kysely's `commit`: the unit's writes join its group. A unit that waits for the group
   * (`committed`) is committed with it; one that does not (Kysely's own transactions, such as the
   * migrator's) is committed now, and hears if that fails, as it would without groups.
   */
  end(): void;
  /** Kysely's `rollback`: the unit's own writes go; its group's other units stay. */
  rollback(): void;
  /** Any other statement: outside a unit, the open group commits first. */
  beforeStatement(): void;
  /** Asked inside a unit: settles once the group holding it has committed, rejects if that failed. */
  committed(): Promise<void>;
  /** Before the database closes: a unit still under way is undone, the units that ended are committed. */
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
  /** Whether the unit under way waits for its group's commit. */
  let waited = false;
  let scheduled = false;
  /** The loop turned while a unit was under way: the group commits as that unit ends. */
  let due = false;

  /** Rolls the whole group back: its units hear the error. Never throws, so no caller is left waiting. */
  function abandon(error: unknown) {
    const lost = group;
    group = undefined;
    due = false;
    try {
      if (native.isTransaction) statements.rollback.run();
    } catch {
      // The error the units hear is the one that ended the group.
    }
    lost?.reject(error);
  }

  /** Commits the open group; returns the error if that failed (and the group is rolled back). */
  function commit(): unknown {
    const open = group;
    if (!open) return undefined;
    try {
      statements.commit.run();
    } catch (error) {
      abandon(error);
      return error;
    }
    group = undefined;
    due = false;
    open.resolve();
    return undefined;
  }

  /**
   * Once the loop turns: the units that were waiting for the connection have joined by then. A
   * unit that waits on a timer or the thread pool holds the connection, as it did without groups;
   * the group then commits as it ends, so that units queued behind it start a new one.
   */
  function commitSoon() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (inUnit) due = true;
      else commit();
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
        // Whatever fails after this, the group does not stay open, holding the write lock.
        commitSoon();
      }
      statements.savepoint.run();
      inUnit = true;
      waited = false;
    },
    end() {
      statements.release.run();
      inUnit = false;
      if (!waited) {
        const error = commit();
        if (error) throw error;
      } else if (due) commit();
      else commitSoon();
    },
    rollback() {
      // Kysely rolls back after a `begin` that failed too: then there is no unit to undo.
      if (!inUnit) return;
      inUnit = false;
      try {
        // Without a transaction, SQLite ended the whole of it (an I/O error, a full disk).
        if (!native.isTransaction) throw new Error('SQLite rolled back the transaction of this group when a unit in it failed');
        statements.rollbackTo.run();
        statements.release.run();
      } catch (error) {
        abandon(error);
        return;
      }
      if (due) commit();
      else commitSoon();
    },
    beforeStatement() {
      if (!inUnit) commit();
    },
    committed() {
      waited = true;
      if (group) return group.committed;
      // The database closed under the unit (`flush`): its writes were undone.
      const closed = Promise.reject(new Error('The database closed before this transaction was committed'));
      closed.catch(() => undefined);
      return closed;
    },
    flush() {
      if (inUnit) {
        inUnit = false;
        try {
          statements.rollbackTo.run();
          statements.release.run();
        } catch (error) {
          abandon(error);
          return;
        }
      }
      commit();
    },
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
    // Asked inside the unit: its group cannot commit while the unit is under way.
    committed = groups.get(db.getExecutor().adapter)?.committed();
    return value;
  });
  await committed;
  return result;
}

/**
 * Runs one statement that needs no transaction of its own so that it shares a commit where commits
 * are shared: in a unit on SQLite, where a statement outside one commits alone (a help code's
 * lone commit was a third of its CPU, profiled); as it is on PostgreSQL, where a transaction
 * around it would only add two round trips. `work` gets the unit, or db itself.
 */
export const sharingCommit = <DB, T>(db: Kysely<DB>, work: (run: Kysely<DB>) => Promise<T>): Promise<T> =>
  groups.has(db.getExecutor().adapter) ? transact(db, work) : work(db);
