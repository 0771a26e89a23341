import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimitHits } from '../../src/store/rate-limit-hits.ts';
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
      const counted: Pick<Store, 'addRateLimitHits' | 'findRateLimitHits' | 'hitRateLimit'> = {
        findRateLimitHits: (key, windowStart) => store.findRateLimitHits(key, windowStart),
        hitRateLimit: (key, windowStart) => store.hitRateLimit(key, windowStart),
        addRateLimitHits: async (counts) => {
          writes.push(counts.map((c) => c.hits));
          return store.addRateLimitHits(counts);
        },
      };
      const hits = createRateLimitHits(counted, { now, onError: (e) => errors.push(e), flushMs: 60 * MINUTE });
      return { hits, writes, errors };
    }
    const key = () => `login:${crypto.randomUUID()}`;
    /** The shared store, whose writes of hits fail until `writable()` mends them. */
    function writesFailUntilMended() {
      let failing = true;
      const store = {
        ...runtime.deps.store,
        addRateLimitHits: (counts: Parameters<Store['addRateLimitHits']>[0]) =>
          failing ? Promise.reject(new Error('database gone')) : runtime.deps.store.addRateLimitHits(counts),
      } as Store;
      return { store, writable: () => void (failing = false) };
    }

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
      const { store, writable } = writesFailUntilMended();
      const { hits, errors } = instance(store);
      const k = key();
      await hits.hit(k, 0, 5 * MINUTE);
      await hits.hit(k, 0, 5 * MINUTE);
      await hits.flush();
      expect(errors).toHaveLength(1);
      expect(await hits.hit(k, 0, 5 * MINUTE)).toBe(3);
      writable();
      await hits.close();
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(3);
    });

    it('reads a new window once for hits that come at once', async () => {
      let reads = 0;
      const store = {
        ...runtime.deps.store,
        findRateLimitHits: (key: string, windowStart: number) => {
          reads++;
          return runtime.deps.store.findRateLimitHits(key, windowStart);
        },
      } as Store;
      const { hits } = instance(store);
      const k = key();
      await runtime.deps.store.addRateLimitHits([{ key: k, windowStart: 0, hits: 58 }]);
      const answers = await Promise.all([hits.hit(k, 0, 5 * MINUTE), hits.hit(k, 0, 5 * MINUTE), hits.hit(k, 0, 5 * MINUTE)]);
      expect(answers.sort()).toEqual([59, 60, 61]);
      expect(reads).toBe(1);
      await hits.close();
    });

    it('while writes fail: tries again after a pause, holds a bounded number of windows, and counts the rest in the store', async () => {
      let writes = 0;
      const store = {
        ...runtime.deps.store,
        addRateLimitHits: () => {
          writes++;
          return Promise.reject(new Error('read-only standby'));
        },
      } as Store;
      const errors: unknown[] = [];
      const hits = createRateLimitHits(store, { now: () => 0, onError: (e) => errors.push(e), flushMs: 5, maxWindows: 50 });
      const prefix = key();
      // Sent at once: first reads under way count towards the bound too.
      await Promise.all(Array.from({ length: 60 }, (_, i) => hits.hit(`${prefix}:${i}`, 0, 5 * MINUTE)));
      // The ten past the bound were counted in the store one by one, as before batching.
      for (let i = 50; i < 60; i++) expect(await runtime.deps.store.findRateLimitHits(`${prefix}:${i}`, 0)).toBe(1);
      expect(await runtime.deps.store.findRateLimitHits(`${prefix}:0`, 0)).toBe(0);
      // One write failed; the next waits a second, not five milliseconds.
      await new Promise((r) => setTimeout(r, 300));
      expect(writes).toBe(1);
      expect(errors).toHaveLength(1);
      expect(await hits.hit(`${prefix}:0`, 0, 5 * MINUTE)).toBe(2);
      await hits.close();
    });

    it('goes on writing after an error handler that throws', async () => {
      const { store, writable } = writesFailUntilMended();
      const hits = createRateLimitHits(store, {
        now: () => 0,
        onError: () => {
          throw new Error('the logger broke');
        },
        flushMs: 60 * MINUTE,
      });
      const k = key();
      await hits.hit(k, 0, 5 * MINUTE);
      await hits.flush();
      writable();
      await hits.flush();
      expect(await runtime.deps.store.findRateLimitHits(k, 0)).toBe(1);
      await hits.close();
    });

    it('writes by itself after its interval, and forgets a window once it has ended', async () => {
      let now = 0;
      const hits = createRateLimitHits(runtime.deps.store, {
        now: () => now,
        onError: (e) => expect.fail(String(e)),
        flushMs: 10,
      });
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
