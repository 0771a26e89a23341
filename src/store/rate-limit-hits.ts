import type { RateLimitCount, Store } from './types.ts';

/** How long hits wait in memory before they are written, together, to the store. */
export const RATE_LIMIT_FLUSH_MS = 10;
/** Windows kept in memory once written; past this, a window is read from the store again at its next hit. */
const KEPT_WINDOWS = 20_000;

interface Window {
  key: string;
  windowStart: number;
  windowEnd: number;
  /** The store's total when last read or written: this instance's hits and every other instance's. */
  stored: number;
  /** Hits being written now. */
  writing: number;
  /** Hits not yet written. */
  pending: number;
}

export interface RateLimitHits {
  /** Counts one hit in the window `[windowStart, windowEnd)` and returns its hits so far. */
  hit(key: string, windowStart: number, windowEnd: number): Promise<number>;
  /** Writes what is still in memory; later hits are written as usual. */
  flush(): Promise<void>;
  /** Writes what is still in memory and stops the timer: before the store closes. */
  close(): Promise<void>;
}

/**
 * Per-client request limits, counted in memory and written to the store in one statement every
 * `RATE_LIMIT_FLUSH_MS`. A hit that wrote its own row committed a write of its own: on SQLite a
 * fifth of a help code's CPU time, and the same again on each login step. The counts still live
 * in the store, so instances behind a load balancer count each other's hits: an instance learns
 * the others' with each write of its own, so a client spreading its requests over several
 * instances gets at most one flush interval's requests per instance past its limit. On one
 * instance the count is exact. Limits that must be exact across instances at every hit (mails to
 * an address, takeover notices) count with `store.hitRateLimit`, inside their transaction.
 */
export function rateLimitHits(
  store: Pick<Store, 'addRateLimitHits' | 'findRateLimitHits'>,
  options: { now: () => number; onError: (error: unknown) => void; flushMs?: number },
): RateLimitHits {
  const flushMs = options.flushMs ?? RATE_LIMIT_FLUSH_MS;
  const windows = new Map<string, Window>();
  /** Windows with hits not yet written: a write looks at these, not at every window kept. */
  const unwritten = new Set<Window>();
  let nextSweep = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const schedule = () => {
    // Unref'd: hits waiting to be written never keep a process alive; `close` writes them.
    timer ??= setTimeout(() => void flush(), flushMs).unref();
  };

  async function write(): Promise<void> {
    timer = undefined;
    const batch = [...unwritten];
    unwritten.clear();
    if (batch.length > 0) {
      for (const w of batch) [w.writing, w.pending] = [w.pending, 0];
      try {
        const totals = await store.addRateLimitHits(
          batch.map((w): RateLimitCount => ({ key: w.key, windowStart: w.windowStart, hits: w.writing })),
        );
        for (const total of totals) {
          const w = windows.get(idOf(total.key, total.windowStart));
          if (w) [w.stored, w.writing] = [total.hits, 0];
        }
      } catch (error) {
        // Kept for the next write: a lost hit would be a request the limit never saw.
        for (const w of batch) {
          [w.pending, w.writing] = [w.pending + w.writing, 0];
          unwritten.add(w);
        }
        options.onError(error);
      }
    }
    forgetWritten(options.now());
    if (unwritten.size > 0) schedule();
  }

  /** Ended windows go, looked for once a second; past `KEPT_WINDOWS`, written ones go too (their next hit reads the store). */
  function forgetWritten(now: number) {
    const written = (w: Window) => w.pending === 0 && w.writing === 0;
    if (now >= nextSweep) {
      nextSweep = now + 1000;
      for (const [id, w] of windows) if (w.windowEnd <= now && written(w)) windows.delete(id);
    }
    if (windows.size <= KEPT_WINDOWS) return;
    for (const [id, w] of windows) if (written(w)) windows.delete(id);
  }

  // One write at a time, so that a window's totals come back in the order its hits went out.
  const flush = () => (writing = writing.then(write));

  return {
    async hit(key, windowStart, windowEnd) {
      const id = idOf(key, windowStart);
      let w = windows.get(id);
      if (!w) {
        const stored = await store.findRateLimitHits(key, windowStart);
        // Another hit may have read it meanwhile: one window, one count.
        w = windows.get(id) ?? { key, windowStart, windowEnd, stored, writing: 0, pending: 0 };
        windows.set(id, w);
      }
      w.pending++;
      unwritten.add(w);
      schedule();
      return w.stored + w.writing + w.pending;
    },
    flush,
    async close() {
      clearTimeout(timer);
      timer = undefined;
      await flush();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

const idOf = (key: string, windowStart: number) => `${windowStart} ${key}`;
