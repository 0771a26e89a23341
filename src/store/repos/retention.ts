import { sql, type Kysely, type WhereInterface } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

// What the pruning job removes: each kind of record after its own period.
export function retentionRepo(db: Kysely<Database>, options: { rowLocks: boolean }): Pick<Store, 'tryJobLock' | 'prune'> {
  const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
    Number(result?.numDeletedRows ?? result?.numUpdatedRows ?? 0);
  return {
    async tryJobLock(name) {
      // SQLite serves one process; its transactions run one at a time anyway.
      if (!options.rowLocks) return true;
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(hashtext(${`helpcenter ${name}`})) as locked`.execute(db);
      return rows[0]?.locked === true;
    },
    async prune(c) {
      const removed: Record<string, number> = {};
      // Sessions that ran out without a logout keep their rows a while, but not the browser's name. First:
      // a password reset takes an account's sessions before its links, and so does this transaction.
      removed.browserNames = count(
        await db
          .updateTable('sessions')
          .set({ browser: null, os: null })
          .where('expires_at', '<', c.now)
          .where((eb) => eb.or([eb('browser', 'is not', null), eb('os', 'is not', null)]))
          .executeTakeFirst(),
      );
      removed.tokens = count(
        await db
          .deleteFrom('tokens')
          .where((eb) => eb.or([eb('used_at', '<', c.links), eb('expires_at', '<', c.links)]))
          .executeTakeFirst(),
      );
      // A registration never finished holds its address against an address change to it, and anyone
      // with a policy number can make them: it goes once its last link has (a new registration of
      // the address makes a new link, and keeps it). Customers only: staff invitations are staff's.
      removed.unfinishedAccounts = count(
        await db
          .deleteFrom('accounts')
          .where('status', '=', 'unverified')
          .where('created_at', '<', c.links)
          .where('role', '=', 'customer')
          .where((eb) =>
            eb.and([
              eb.not(eb.exists(eb.selectFrom('tokens').select('tokens.id').whereRef('tokens.account_id', '=', 'accounts.id'))),
              // Never there for a registration, which has no password: if one were, the account stays.
              eb.not(
                eb.exists(
                  eb.selectFrom('sessions').select('sessions.id_hash').whereRef('sessions.account_id', '=', 'accounts.id'),
                ),
              ),
              eb.not(
                eb.exists(
                  eb.selectFrom('totp_history').select('totp_history.id').whereRef('totp_history.account_id', '=', 'accounts.id'),
                ),
              ),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('recovery_codes')
                    .select('recovery_codes.id')
                    .whereRef('recovery_codes.account_id', '=', 'accounts.id'),
                ),
              ),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('recovery_requests')
                    .select('recovery_requests.id')
                    .whereRef('recovery_requests.account_id', '=', 'accounts.id'),
                ),
              ),
            ]),
          )
          .executeTakeFirst(),
      );
      removed.sessions = count(
        await db
          .deleteFrom('sessions')
          .where((eb) => eb.or([eb('ended_at', '<', c.sessions), eb('expires_at', '<', c.sessions)]))
          .executeTakeFirst(),
      );
      removed.loginAttempts = count(await db.deleteFrom('login_attempts').where('at', '<', c.loginHistory).executeTakeFirst());
      removed.accountEvents = count(await db.deleteFrom('account_events').where('at', '<', c.loginHistory).executeTakeFirst());
      // A count of wrong passwords (not of app codes, kept whole) that has been quiet for two days.
      const quietThrottles = <Q extends WhereInterface<Database, 'login_throttles'>>(query: Q) =>
        query
          .where('email', 'not like', `${c.keptThrottles}%`)
          .where('updated_at', '<', c.counters)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', c.counters)])) as Q;
      removed.throttles = count(
        await quietThrottles(db.deleteFrom('login_throttles'))
          // A count that holds failures stays, so that a hundred in a row lock however slowly they
          // come: an address's own, while the address has an account, and a known browser's
          // (`<address>#<browser>`), which only a browser that logged in can have. A stranger's
          // misses on an address without an account go, so they cannot fill the table.
          .where((eb) =>
            eb.or([
              eb.and([eb('failures', '=', 0), eb('carried_failures', '=', 0)]),
              eb.and([
                eb('email', 'not like', '%#%'),
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('accounts')
                      .select('accounts.id')
                      .whereRef('accounts.email', '=', 'login_throttles.email')
                      .where('accounts.status', '<>', 'superseded'),
                  ),
                ),
              ]),
            ]),
          )
          .executeTakeFirst(),
      );
      // The failures of a count kept are carried, and its timed locks start over, as a stranger's
      // do on an address whose count went: else the fifth miss after a quiet spell would be
      // locked for an address with an account only, and tell which addresses have one.
      await quietThrottles(db.updateTable('login_throttles'))
        .set((eb) => ({ carried_failures: eb('carried_failures', '+', eb.ref('failures')), failures: 0 }))
        .where('failures', '>', 0)
        .execute();
      removed.rateLimits = count(await db.deleteFrom('rate_limits').where('window_start', '<', c.rateLimits).executeTakeFirst());
      removed.usedCodes = count(await db.deleteFrom('used_totp_steps').where('used_at', '<', c.counters).executeTakeFirst());
      removed.helpCodes = count(await db.deleteFrom('help_codes').where('expires_at', '<', c.now).executeTakeFirst());
      removed.mail = count(
        await db.deleteFrom('outbox').where('status', 'in', ['sent', 'kept', 'failed']).where('created_at', '<', c.mail).executeTakeFirst(),
      );
      removed.letters = count(
        await db.deleteFrom('letters').where('status', '=', 'exported').where('created_at', '<', c.letters).executeTakeFirst(),
      );
      removed.oldAuthenticators = count(
        await db.deleteFrom('totp_history').where('replaced_at', '<', c.oldAuthenticators).executeTakeFirst(),
      );
      removed.recoveryCodes = count(await db.deleteFrom('recovery_codes').where('used_at', '<', c.links).executeTakeFirst());
      removed.requests = count(
        await db
          .deleteFrom('recovery_requests')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', 'in', ['done', 'cancelled']), eb('ended_at', '<', c.requests)]),
              eb('expires_at', '<', c.requests),
            ]),
          )
          .executeTakeFirst(),
      );
      removed.feedbackComments = count(
        await db
          .updateTable('feedback')
          .set({ comment: null })
          .where('comment', 'is not', null)
          .where('at', '<', c.feedbackComments)
          .executeTakeFirst(),
      );
      removed.searchMisses = count(
        await db
          .deleteFrom('daily_counts')
          .where('kind', '=', 'searchMiss')
          .where('day', '<', c.searchMissesBefore)
          .executeTakeFirst(),
      );
      // The provider's codes, tokens and sessions carry their own expiry; grants end with the login they came from.
      removed.oidc = count(await db.deleteFrom('oidc_models').where('expires_at', '<', c.now).executeTakeFirst());
      removed.oidcLogins = count(await db.deleteFrom('oidc_logins').where('created_at', '<', c.sessions).executeTakeFirst());
      removed.oidcLoginSids = count(
        await db.deleteFrom('oidc_login_sids').where('created_at', '<', c.sessions).executeTakeFirst(),
      );
      removed.oidcLogouts = count(
        await db
          .deleteFrom('oidc_logouts')
          .where('status', '<>', 'pending')
          .where('created_at', '<', c.sessions)
          .executeTakeFirst(),
      );
      return removed;
    },
  };
}
