import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

export function customerRepo(
  db: Kysely<Database>,
): Pick<
  Store,
  'upsertCustomer' | 'findCustomerById' | 'findCustomerByPolicy' | 'findCustomersByKvk' | 'countCustomers' | 'listCustomers'
> {
  const upsertCustomer: Store['upsertCustomer'] = async (customer) => {
    const existing = await db
      .selectFrom('customers')
      .selectAll()
      .where('policy_number', '=', customer.policy_number)
      .executeTakeFirst();
    if (!existing) {
      // Two imports at once (two instances starting): one inserts, the other compares.
      const inserted = await db
        .insertInto('customers')
        .values(customer)
        .onConflict((oc) => oc.column('policy_number').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 'created' : upsertCustomer(customer);
    }
    const fields = ['company_name', 'kvk_number', 'vestigingsnummer', 'product_lines', 'street', 'postal_code', 'city'] as const;
    if (fields.every((f) => existing[f] === (customer[f] ?? null))) return 'unchanged';
    await db
      .updateTable('customers')
      .set({
        company_name: customer.company_name,
        kvk_number: customer.kvk_number,
        vestigingsnummer: customer.vestigingsnummer ?? null,
        product_lines: customer.product_lines,
        street: customer.street ?? null,
        postal_code: customer.postal_code ?? null,
        city: customer.city ?? null,
        updated_at: customer.updated_at,
      })
      .where('id', '=', existing.id)
      .execute();
    return 'updated';
  };
  return {
    upsertCustomer,
    findCustomerById: (id) => db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst(),
    findCustomerByPolicy: (policyNumber) =>
      db.selectFrom('customers').selectAll().where('policy_number', '=', policyNumber).executeTakeFirst(),
    findCustomersByKvk: (kvkNumber) =>
      db.selectFrom('customers').selectAll().where('kvk_number', '=', kvkNumber).orderBy('policy_number').execute(),
    listCustomers: (limit = 50) => db.selectFrom('customers').selectAll().orderBy('policy_number').limit(limit).execute(),
    async countCustomers() {
      const row = await db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
