import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { serverArgs } from '../../src/server/node-flags.ts';
import { releaseStartupMemory } from '../../src/server/release-memory.ts';

describe('how the built server starts', () => {
  it('npm start and npm run serve use the same V8 flags as the tests and benchmarks', () => {
    const command = ['node', ...serverArgs].join(' ');
    expect(pkg.scripts.serve).toBe(command);
    expect(pkg.scripts.start).toBe(`astro build && ${command}`);
  });

  it('gives the heap that start-up left behind back, and leaves no `gc` global', () => {
    // Start-up's garbage, grown old as the bundle's parse leaves it: some tens of MiB, then dropped.
    let garbage: string[][] | null = Array.from({ length: 400 }, (_, i) => Array.from({ length: 2500 }, (_, j) => `${i}:${j}`));
    for (let i = 0; i < 3; i++) garbage = garbage.map((list) => [...list]);
    const before = getHeapStatistics().total_heap_size;
    garbage = null;
    releaseStartupMemory();
    const after = getHeapStatistics().total_heap_size;
    // An ordinary full collection gives back about 20 MiB of this; the one run at start gives back more than 80.
    expect(before - after).toBeGreaterThan(50 * 1024 * 1024);
    expect('gc' in globalThis).toBe(false);
  });
});
