import { sql, type Kysely } from 'kysely';
import { auditHash, GENESIS } from '../audit-chain.ts';
import type { AuditEntry, Database } from '../schema.ts';
import { prepared, type SlotOf } from '../prepared.ts';
import { sharingCommit, transact } from '../group-commit.ts';
import type { Store } from '../types.ts';

/** Made for each wizard step a customer asks help on. */
const newHelpCode = prepared((db, slot: SlotOf<{ code: string; context: string; now: number; expiresAt: number }>) =>
  db
    .insertInto('help_codes')
    .values({ code: slot('code'), context: slot('context'), created_at: slot('now'), expires_at: slot('expiresAt') })
    .onConflict((oc) => oc.column('code').doNothing()),
);

/** Read each time an agent opens a code a customer read out. */
const liveHelpCode = prepared((db, slot: SlotOf<{ code: string; now: number }>) =>
  db.selectFrom('help_codes').selectAll().where('code', '=', slot('code')).where('expires_at', '>', slot('now')),
);

// Each thing staff do writes an entry, linked to the one before.
/**
 * An entry's texts as the database will give them back: stored as UTF-8, half of a UTF-16 pair
 * (a subject cut at 200 units in the middle of an emoji) reads back as U+FFFD. Hashed as typed,
 * the entry would then look changed to `audit:verify`.
 */
const storedAsRead = (entry: Omit<AuditEntry, 'seq' | 'prev_hash' | 'hash'>) => ({
  ...entry,
  agent_email: entry.agent_email.toWellFormed(),
  action: entry.action.toWellFormed(),
  subject: entry.subject.toWellFormed(),
  reason: entry.reason.toWellFormed(),
  outcome: entry.outcome.toWellFormed(),
});

const lastAudit = prepared((db) => db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
const insertAudit = prepared((db, slot: SlotOf<AuditEntry>) =>
  db.insertInto('audit_log').values({
    id: slot('id'),
    seq: slot('seq'),
    at: slot('at'),
    agent_id: slot('agent_id'),
    agent_email: slot('agent_email'),
    action: slot('action'),
    subject: slot('subject'),
    reason: slot('reason'),
    outcome: slot('outcome'),
    prev_hash: slot('prev_hash'),
    hash: slot('hash'),
  } satisfies Record<keyof AuditEntry, unknown>),
);

// The call-center side: help codes, account history, the audit log, and
// what customers could not find.
export function agentRepo(
  db: Kysely<Database>,
  options: { rowLocks: boolean },
): Pick<
  Store,
  | 'createHelpCode'
  | 'findHelpCode'
  | 'addAccountEvent'
  | 'listAccountEvents'
  | 'findAccountsOfCustomer'
  | 'listStaffAccounts'
  | 'appendAudit'
  | 'auditChain'
  | 'pruneAudit'
  | 'listAudit'
  | 'addFeedback'
  | 'countDaily'
  | 'feedbackSummary'
  | 'listFeedbackComments'
  | 'dailyTotals'
> {
  return {
    async createHelpCode(code, context, now, expiresAt) {
      const result = await sharingCommit(db, (run) => newHelpCode(run, { code, context, now, expiresAt }));
      return Number(result.numAffectedRows ?? 0) === 1;
    },
    findHelpCode: async (code, now) => (await liveHelpCode(db, { code, now })).rows[0],
    async addAccountEvent(event) {
      await db.insertInto('account_events').values(event).execute();
    },
    listAccountEvents: (accountId, limit) =>
      db
        .selectFrom('account_events')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute(),
    findAccountsOfCustomer: (customerId) =>
      db
        .selectFrom('accounts')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute(),
    listStaffAccounts: () =>
      db
        .selectFrom('accounts')
        .selectAll()
        .where('role', 'in', ['agent', 'supervisor'])
        .where('status', '<>', 'superseded')
        .orderBy('email')
        .execute(),
    async appendAudit(entry) {
      const append = async (trx: Kysely<Database>) => {
        // One writer at a time, across instances: each entry links to the one truly before it.
        if (options.rowLocks) await sql`select pg_advisory_xact_lock(hashtext('helpcenter audit_log'))`.execute(trx);
        const last = (await lastAudit(trx, {})).rows[0];
        const row = { ...storedAsRead(entry), seq: Number(last?.seq ?? 0) + 1, prev_hash: last?.hash ?? GENESIS };
        const hash = auditHash(row);
        await insertAudit(trx, { ...row, hash });
        return { seq: row.seq, hash };
      };
      return transact(db, append);
    },
    async pruneAudit(before, marker) {
      const old = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('seq').as('last'))
        .where('at', '<', before)
        .executeTakeFirst();
      const last = Number(old?.last ?? 0);
      if (!last) return { removed: 0, marker: null };
      const appended = await this.appendAudit(marker(last));
      const result = await db.deleteFrom('audit_log').where('seq', '<=', last).executeTakeFirst();
      return { removed: Number(result.numDeletedRows), marker: appended };
    },
    auditChain: (afterSeq, limit) =>
      db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute(),
    listAudit: (from, to, limit) =>
      db
        .selectFrom('audit_log')
        .selectAll()
        .where('at', '>=', from)
        .where('at', '<', to)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute(),
    async addFeedback(entry) {
      await sharingCommit(db, (run) => run.insertInto('feedback').values(entry).execute());
    },
    async countDaily(kind, key, day) {
      await sharingCommit(db, (run) =>
        run
          .insertInto('daily_counts')
          .values({ kind, key, day, count: 1 })
          .onConflict((oc) =>
            oc.columns(['kind', 'key', 'day']).doUpdateSet((eb) => ({ count: eb('daily_counts.count', '+', 1) })),
          )
          .execute(),
      );
    },
    async feedbackSummary(from, to) {
      const rows = await db
        .selectFrom('feedback')
        .select((eb) => [
          'page',
          'lang',
          eb.fn.sum<number>(eb.case().when('helpful', '=', 1).then(1).else(0).end()).as('yes'),
          eb.fn.sum<number>(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no'),
        ])
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy(['page', 'lang'])
        .execute();
      return rows.map((r) => ({ page: r.page, lang: r.lang, yes: Number(r.yes), no: Number(r.no) }));
    },
    async listFeedbackComments(from, to, limit) {
      const rows = await db
        .selectFrom('feedback')
        .select(['at', 'page', 'lang', 'comment'])
        .where('comment', 'is not', null)
        .where('at', '>=', from)
        .where('at', '<', to)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ at: r.at, page: r.page, lang: r.lang, comment: r.comment! }));
    },
    async dailyTotals(kind, fromDay, toDay, limit) {
      const rows = await db
        .selectFrom('daily_counts')
        .select((eb) => ['key', eb.fn.sum<number>('count').as('total')])
        .where('kind', '=', kind)
        .where('day', '>=', fromDay)
        .where('day', '<=', toDay)
        .groupBy('key')
        .orderBy('total', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ key: r.key, total: Number(r.total) }));
    },
  };
}
