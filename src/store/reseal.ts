import { sql, type Kysely } from 'kysely';
import type { SecretSealer } from './types.ts';
import type { Database } from './schema.ts';

/** Every column that holds a sealed secret. */
const sealedColumns = [
  { table: 'accounts', key: 'id', column: 'totp_secret' },
  { table: 'accounts', key: 'id', column: 'pending_totp_secret' },
  { table: 'totp_history', key: 'id', column: 'secret' },
] as const;

/**
 * Seals every stored secret again under the current key (after SECRET_KEY
 * changed, with the old one in SECRET_KEY_PREVIOUS). Row by row, each only if
 * unchanged since it was read, so it can run while the server serves and can
 * be run again; returns how many it moved, per column.
 */
export async function resealSecrets(db: Kysely<Database>, sealer: SecretSealer): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const { table, key, column } of sealedColumns) {
    const name = `${table}.${column}`;
    moved[name] = 0;
    const { rows } = await sql<{ id: string; sealed: string }>`select ${sql.ref(key)} as id, ${sql.ref(column)} as sealed
      from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(db);
    for (const row of rows) {
      if (sealer.isCurrent(row.sealed)) continue;
      const resealed = sealer.seal(sealer.open(row.sealed));
      const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${resealed}
        where ${sql.ref(key)} = ${row.id} and ${sql.ref(column)} = ${row.sealed}`.execute(db);
      moved[name] += Number(result.numAffectedRows ?? 0);
    }
  }
  return moved;
}

/**
 * When the rotation to this key began: the first `keys:rotate` that ran with it, kept so that
 * every later run counts from the same moment.
 */
export async function rotationStarted(db: Kysely<Database>, keyId: string, now: number): Promise<number> {
  await db
    .insertInto('key_rotations')
    .values({ key_id: keyId, started_at: now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
  const row = await db.selectFrom('key_rotations').select('started_at').where('key_id', '=', keyId).executeTakeFirstOrThrow();
  return Number(row.started_at);
}

/**
 * What only the previous key still checks: recovery codes and letter codes are keyed hashes of
 * codes we never keep, so they cannot be made again under the new key. Counted as made before the
 * rotation began and still usable now.
 */
export async function keyedWithPreviousKey(
  db: Kysely<Database>,
  rotation: number,
  now: number,
  letter: { ttlMs: number; maxFailures: number },
): Promise<{ accountsWithRecoveryCodes: number; lettersOnTheirWay: number }> {
  const codes = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.count<string>('account_id').distinct().as('n'))
    .where('used_at', 'is', null)
    .where('created_at', '<', rotation)
    .executeTakeFirstOrThrow();
  const letters = await db
    .selectFrom('recovery_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'open')
    .where('letter_code_hash', 'is not', null)
    .where('letter_failures', '<', letter.maxFailures)
    .where('letter_sent_at', '<', rotation)
    .where('letter_sent_at', '>', now - letter.ttlMs)
    .executeTakeFirstOrThrow();
  return { accountsWithRecoveryCodes: Number(codes.n), lettersOnTheirWay: Number(letters.n) };
}
