import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitHits } from '../../src/store/rate-limit-hits.ts';
import type { Store } from '../../src/store/types.ts';
import { forEachStore, testRuntime } from '../support/runtime.ts';

// The per-client request limits count in memory and write to the store in batches: exact on one
// instance, shared by all, and nothing lost when a write fails or the server stops.

const MINUTE = 60_000;

forEachStore((kind) => {
  describe(`request limits counted in batches, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime?.dispose());

    /** An instance's counter over the shared store, writing only when told, with every write it makes. */
    function instance(store: Store = runtime.deps.store, now = () => 0) {
      const writes: number[][] = [];
      const errors: unknown[] = [];
      const counted: Pick<Store, 'addRateLimitHits' | 'findRateLimitHits'> = {
        findRateLimitHits: (key, windowStart) => store.findRateLimitHits(key, windowStart),
        addRateLimitHits: async (counts) => {
          writes.push(counts.map((c) => c.hits));
          return store.addRateLimitHits(counts);
        },
      };
      const hits = rateLimitHits(counted, { now, onError: (e) => errors.push(e), flushMs: 60 * MINUTE });
      return { hits, writes, errors };
    }
    const key = () => `login:${crypto.randomUUID()}`;

    it('counts every hit at once on one instance, and writes them in one statement', async () => {
      const { hits, writes } = instance();
      const k = key();
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await hits.hit(k, 0, 5 * MINUTE));
      expect(answers).toEqual([1, 2, 3, 4, 5]);
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(0);
      // Hits sent at once are all counted too.
      const burst = await Promise.all(Array.from({ length: 5 }, () => hits.hit(k, 0, 5 * MINUTE)));
      expect(burst.sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
      await hits.flush();
      expect(writes).toEqual([[10]]);
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(10);
      expect(await hits.hit(k, 0, 5 * MINUTE)).toBe(11);
      await hits.close();
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(11);
    });

    it("learns the other instances' hits from the store: at the first hit of a window, then with each write", async () => {
      const a = instance();
      const b = instance();
      const k = key();
      await a.hits.hit(k, 0, 5 * MINUTE);
      await a.hits.hit(k, 0, 5 * MINUTE);
      await a.hits.flush();
      // B's first hit reads the window: A's two are in it.
      expect(await b.hits.hit(k, 0, 5 * MINUTE)).toBe(3);
      expect(await b.hits.hit(k, 0, 5 * MINUTE)).toBe(4);
      await b.hits.flush();
      // A has not written since: it knows of B's hits only once it writes again.
      expect(await a.hits.hit(k, 0, 5 * MINUTE)).toBe(3);
      await a.hits.flush();
      expect(await a.hits.hit(k, 0, 5 * MINUTE)).toBe(6);
      await Promise.all([a.hits.close(), b.hits.close()]);
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(6);
    });

    it('keeps the hits of a write that failed, and writes them with the next', async () => {
      let failing = true;
      const store = {
        ...runtime.deps.store,
        addRateLimitHits: (counts: Parameters<Store['addRateLimitHits']>[0]) =>
          failing ? Promise.reject(new Error('database gone')) : runtime.deps.store.addRateLimitHits(counts),
      } as Store;
      const { hits, errors } = instance(store);
      const k = key();
      await hits.hit(k, 0, 5 * MINUTE);
      await hits.hit(k, 0, 5 * MINUTE);
      await hits.flush();
      expect(errors).toHaveLength(1);
      expect(await hits.hit(k, 0, 5 * MINUTE)).toBe(3);
      failing = false;
      await hits.close();
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(3);
    });

    it('writes by itself after its interval, and forgets a window once it has ended', async () => {
      let now = 0;
      const hits = rateLimitHits(runtime.deps.store, { now: () => now, onError: (e) => expect.fail(String(e)), flushMs: 10 });
      const k = key();
      await hits.hit(k, 0, MINUTE);
      await expect.poll(() => runtime.deps.store.findRateLimitHits(k, 0), { timeout: 5_000, interval: 10 }).toBe(1);
      // Past its end, the window is read again at its next hit: what others added since is in it.
      now = MINUTE;
      await hits.hit(k, MINUTE, 2 * MINUTE);
      await hits.flush();
      await runtime.deps.store.addRateLimitHits([{ key: k, windowStart: 0, hits: 5 }]);
      expect(await hits.hit(k, 0, MINUTE)).toBe(7);
      await hits.close();
    });
  });
});
