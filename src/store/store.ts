import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';
import { accountRepo } from './repos/accounts.ts';
import { counterRepo } from './repos/counters.ts';
import { customerRepo } from './repos/customers.ts';
import { outboxRepo } from './repos/outbox.ts';
import { sessionRepo } from './repos/sessions.ts';
import { tokenRepo } from './repos/tokens.ts';

/** The store over a Kysely database; the same code serves SQLite and PostgreSQL. */
export function createStore(db: Kysely<Database>): Store {
  const store: Store = {
    ...customerRepo(db),
    ...accountRepo(db),
    ...tokenRepo(db),
    ...sessionRepo(db),
    ...counterRepo(db),
    ...outboxRepo(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    transaction: (work) => (db.isTransaction ? work(store) : db.transaction().execute((trx) => work(createStore(trx)))),
  };
  return store;
}
