import type { Store } from '../../src/store/types.ts';

/**
 * The store, with another request slipped in: inside a transaction, once the first call of
 * `method` has answered, `meanwhile` runs (what someone else does at that moment), and only then
 * does the transaction go on with the answer. `ran` says whether it came to that.
 */
export function raceAfter(store: Store, method: keyof Store, meanwhile: () => Promise<unknown>) {
  let ran = false;
  const inTransaction = (tx: Store) =>
    new Proxy(tx, {
      get(inner, name) {
        const value = Reflect.get(inner, name);
        if (name !== method || ran) return value;
        return async (...args: unknown[]) => {
          const answer = await (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
          ran = true;
          await meanwhile();
          return answer;
        };
      },
    });
  const racing = new Proxy(store, {
    get(target, key) {
      if (key !== 'transaction') return Reflect.get(target, key);
      return (work: Parameters<Store['transaction']>[0]) => target.transaction((tx) => work(inTransaction(tx)));
    },
  });
  return { store: racing, ran: () => ran };
}
