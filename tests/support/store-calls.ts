import type { Store } from '../../src/store/types.ts';

/** The store, writing down the name of each of its methods called, in its transactions too: the statements a request costs. */
export function recordingCalls(store: Store) {
  const calls: string[] = [];
  const recording = (inner: Store): Store =>
    new Proxy(inner, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'transaction')
          return (work: (tx: Store) => Promise<unknown>) => target.transaction((tx) => work(recording(tx)));
        return (...args: unknown[]) => {
          calls.push(String(key));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { store: recording(store), calls };
}
