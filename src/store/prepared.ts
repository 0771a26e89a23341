import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** Stands in for a value while a query is built; each run puts the real value in its place. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** Names a value of the run: typed as that value, so the builder checks it as it would the value. */
export type SlotOf<Values> = <Name extends keyof Values & string>(name: Name) => Values[Name];

/**
 * A query of the store's hot paths, built and compiled by Kysely once per database and then run
 * with each call's values. Kysely builds its tree and compiles it anew on every call: a fifth of
 * a refused login code's CPU went there (profiled), for SQL that never changes.
 *
 * Define each at module level, so the build cannot see a call's values by accident: every value
 * that varies comes in through `slot`, which holds its place in the compiled parameters, and
 * whose type (`slot: SlotOf<{ … }>`) names the values a run takes. Nothing that changes the SQL
 * itself (a list's length, a column left out) can be a slot. The rows are typed by the builder.
 * An insert of a whole row names every column (`satisfies Record<keyof Row, unknown>`), so that a
 * column added later cannot be left out unseen.
 */
export function prepared<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, slot: SlotOf<Values>) => Compilable<unknown> & { execute(): Promise<Row[]> },
): (db: Kysely<Database>, values: Values) => Promise<QueryResult<Row>> {
  // One per database: its transactions share its adapter.
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  return async (db, values) => {
    const executor = db.getExecutor();
    // A plugin (withSchema, withPlugin) would change the SQL, yet keep the adapter: never cached.
    if (executor.plugins.length > 0) throw new Error('A prepared query cannot run through a Kysely plugin');
    let query = compiled.get(executor.adapter);
    if (!query) {
      query = build(db, (name) => new Slot(name) as never).compile() as CompiledQuery<Row>;
      compiled.set(executor.adapter, query);
    }
    const parameters = query.parameters.map((value) => {
      if (!(value instanceof Slot)) return value;
      // PostgreSQL would take a missing value as null, SQLite refuse it: both refuse it here.
      if (values[value.name] === undefined) throw new Error(`A prepared query was run without ${value.name}`);
      return values[value.name];
    });
    return db.executeQuery({ ...query, parameters });
  };
}
