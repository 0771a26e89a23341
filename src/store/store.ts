import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { transact } from './group-commit.ts';
import type { Store } from './types.ts';
import { accountRepo } from './repos/accounts.ts';
import { counterRepo } from './repos/counters.ts';
import { customerRepo } from './repos/customers.ts';
import { outboxRepo } from './repos/outbox.ts';
import { sessionRepo } from './repos/sessions.ts';
import { tokenRepo } from './repos/tokens.ts';
import { agentRepo } from './repos/agents.ts';
import { letterRepo } from './repos/letters.ts';
import { recoveryRepo } from './repos/recovery.ts';
import { retentionRepo } from './repos/retention.ts';
import { oidcRepo } from './repos/oidc.ts';

/** deadlock_detected, serialization_failure, unique_violation, foreign_key_violation. */
const RUN_AGAIN = new Set(['40P01', '40001', '23505', '23503']);

/** The store over a Kysely database; the same code serves SQLite and PostgreSQL. */
export function createStore(db: Kysely<Database>, options: { rowLocks: boolean }): Store {
  const store: Store = {
    ...customerRepo(db),
    ...accountRepo(db, options),
    ...tokenRepo(db),
    ...sessionRepo(db),
    ...counterRepo(db),
    ...outboxRepo(db),
    ...agentRepo(db, options),
    ...recoveryRepo(db),
    ...letterRepo(db),
    ...retentionRepo(db, options),
    ...oidcRepo(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async transaction(work) {
      // PostgreSQL may end one of two transactions that wait on each other (deadlock) or
      // conflict, or one whose write met a row another committed after it looked (an address
      // registered while a login moved to it; a link written for a registration the hourly prune
      // removed, or the other way round): the whole unit is then simply run again, a few times at
      // most, and sees that row.
      for (let attempt = 1; ; attempt++) {
        try {
          return await transact(db, (trx) => work(trx === db ? store : createStore(trx, options)));
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 3 || !RUN_AGAIN.has(code ?? '')) throw error;
        }
      }
    },
  };
  return store;
}
