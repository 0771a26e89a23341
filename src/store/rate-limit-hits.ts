import type { RateLimitCount, Store } from './types.ts';

/** How long hits wait in memory before they are written, together, to the store. */
const RATE_LIMIT_FLUSH_MS = 10;
/** After a failed write, the next try waits this long: a store that is down is not asked a hundred times a second. */
const RETRY_MS = 1_000;
/**
 * Windows held in memory, and so at most in one write (`Store.addRateLimitHits`). Past this,
 * written ones are dropped (their next hit reads the store again); a new window that still finds
 * no room is counted in the store at once, as every hit was before, so that clients on ever new
 * addresses cannot fill the memory while writes fail.
 */
const MAX_WINDOWS = 10_000;

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
 * `RATE_LIMIT_FLUSH_MS`: a hit that wrote its own row committed a write of its own, on SQLite a
 * fifth of a help code's CPU time. The counts still live in the store, so instances behind a load
 * balancer count each other's hits: an instance reads a window at its first hit and learns the
 * others' hits with each write of its own, so a client spreading its requests over several
 * instances gets past its limit by at most what each takes in between. On one instance the count
 * is exact. Limits that must hold exactly across instances at every hit (mail to an address,
 * takeover notices) count with `store.hitRateLimit`, inside their transaction.
 */
export function createRateLimitHits(
  store: Pick<Store, 'addRateLimitHits' | 'findRateLimitHits' | 'hitRateLimit'>,
  options: { now: () => number; onError: (error: unknown) => void; flushMs?: number; maxWindows?: number },
): RateLimitHits {
  const flushMs = options.flushMs ?? RATE_LIMIT_FLUSH_MS;
  const maxWindows = options.maxWindows ?? MAX_WINDOWS;
  const windows = new Map<string, Window>();
  /** Windows with hits not yet written: a write looks at these, not at every window held. */
  const unwritten = new Set<Window>();
  /** First reads under way: hits that arrive at once share one, and so one window. */
  const reading = new Map<string, Promise<number>>();
  let nextSweep = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const schedule = (ms = flushMs) => {
    // Unref'd: hits waiting to be written never keep a process alive; `close` writes them.
    timer ??= setTimeout(() => void flush(), ms).unref();
  };

  async function write(): Promise<void> {
    timer = undefined;
    const batch = [...unwritten];
    unwritten.clear();
    let failed = false;
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
        failed = true;
        options.onError(error);
      }
    }
    forget(options.now());
    if (unwritten.size > 0) schedule(failed ? RETRY_MS : flushMs);
  }

  /** Ended windows go, looked for once a second; past `maxWindows`, written ones go too. */
  function forget(now: number) {
    const written = (w: Window) => w.pending === 0 && w.writing === 0;
    if (now >= nextSweep) {
      nextSweep = now + 1000;
      for (const [id, w] of windows) if (w.windowEnd <= now && written(w)) windows.delete(id);
    }
    if (windows.size < maxWindows) return;
    for (const [id, w] of windows) if (written(w)) windows.delete(id);
  }

  // One write at a time, so that a window's totals come back in the order its hits went out. An
  // error handler that throws must not stop every later write.
  const flush = () => (writing = writing.then(write).catch(() => undefined));

  return {
    async hit(key, windowStart, windowEnd) {
      const id = idOf(key, windowStart);
      let w = windows.get(id);
      if (!w) {
        let read = reading.get(id);
        if (!read) {
          // Each read under way becomes a window: counted with them, the windows never pass the bound.
          if (windows.size + reading.size >= maxWindows) return store.hitRateLimit(key, windowStart);
          read = store.findRateLimitHits(key, windowStart).finally(() => reading.delete(id));
          reading.set(id, read);
        }
        const stored = await read;
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
      // A last write that failed set a timer for its retry: the store is closing, so its hits are
      // lost (and were logged by `onError`).
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

const idOf = (key: string, windowStart: number) => `${windowStart} ${key}`;
