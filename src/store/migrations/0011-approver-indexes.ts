import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// A member of staff who is disabled takes their approvals with them (withdrawApprovalsOf): the
// requests they approved, first or second, are found by either column without reading them all.
export const approverIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('recovery_requests_first_approver').on('recovery_requests').column('first_approver_id').execute();
    await db.schema
      .createIndex('recovery_requests_second_approver')
      .on('recovery_requests')
      .column('second_approver_id')
      .execute();
  },
};
