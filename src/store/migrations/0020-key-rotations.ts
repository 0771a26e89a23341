import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// When each server key was first rotated to: what was keyed before it is the previous key's alone.
export const keyRotations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('key_rotations')
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
