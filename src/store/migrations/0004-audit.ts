import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { auditHash, GENESIS } from '../audit-chain.ts';
import type { AuditEntry } from '../schema.ts';

// The audit log as evidence: each entry says how the attempt ended, carries a
// sequence number, and the hash of the entry before it.
export const audit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
    await db.schema
      .alterTable('audit_log')
      .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('done'))
      .execute();
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
    // Entries from before: chained in the order they were written.
    let prev = GENESIS;
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();
    for (const [i, row] of rows.entries()) {
      const entry = { ...(row as AuditEntry), at: Number(row.at), seq: i + 1, outcome: 'done', prev_hash: prev };
      const hash = auditHash(entry);
      await db.updateTable('audit_log').set({ seq: entry.seq, prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
    await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
  },
};
