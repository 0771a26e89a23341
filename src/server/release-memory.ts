import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Start-up leaves garbage behind (the bundle parsed, the Astro manifest read, the schema checked)
 * and V8's young generation grown to its full size, and V8 gives neither back while the server
 * waits: measured, an idle server held the same 96–105 MiB for a minute. One full collection of
 * the kind V8 runs before it runs out of memory compacts the heap and shrinks the young generation
 * to its least; run once when the server listens, it gave back about 10 MiB (`npm run bench`).
 *
 * The collector is reached through a context of its own, so `gc` never becomes a global that
 * any package could call under load.
 */
export function releaseStartupMemory(): void {
  // A server started with --expose-gc keeps it.
  const exposed = 'gc' in globalThis;
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as Gc)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } finally {
    if (!exposed) setFlagsFromString('--no-expose-gc');
  }
}
