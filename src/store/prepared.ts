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
 * that varies comes in through `slot`, which holds its place in the compiled parameters.
 * Nothing that changes the SQL itself (a list's length, a column left out) can be a slot.
 */
export function prepared<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, slot: SlotOf<Values>) => Compilable<Row>,
): (db: Kysely<Database>, values: Values) => Promise<QueryResult<Row>> {
  // One per database: its transactions share its adapter. (So would a copy given a plugin with
  // withPlugin; the store uses none.)
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  return (db, values) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      query = build(db, (name) => new Slot(name) as never).compile();
      compiled.set(adapter, query);
    }
    return db.executeQuery({
      ...query,
      parameters: query.parameters.map((value) => (value instanceof Slot ? values[value.name] : value)),
    });
  };
}
