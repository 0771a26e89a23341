import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { ASTRO_LOGGER, deferClock } from '../../src/integrations/astro-logger-clock.ts';
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

  it("makes Astro's logger clock at its first time stamp, not as the server loads the logger", async () => {
    const file = fileURLToPath(new URL('../../node_modules/astro/dist/core/logger/core.js', import.meta.url));
    expect(file).toMatch(ASTRO_LOGGER);
    // An Astro that writes the line otherwise fails here, not only as a warning in the build.
    const deferred = deferClock(readFileSync(file, 'utf8'));
    expect(deferred).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'astro-logger-'));
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const piccolore = import.meta.resolve('piccolore', pathToFileURL(file).href);
      writeFileSync(join(dir, 'core.mjs'), deferred!.replace('"piccolore"', JSON.stringify(piccolore)));
      const logger = (await import(pathToFileURL(join(dir, 'core.mjs')).href)) as { dateTimeFormat: Intl.DateTimeFormat };
      expect(made).not.toHaveBeenCalled();
      expect(logger.dateTimeFormat.format(new Date(2026, 0, 2, 3, 4, 5))).toMatch(/03.04.05/);
      logger.dateTimeFormat.format(new Date());
      expect(made).toHaveBeenCalledTimes(1);
    } finally {
      made.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a logger that no longer reads as expected to the build to report', () => {
    expect(deferClock('const dateTimeFormat = makeClock();')).toBeUndefined();
    // The stand-in has `format` only: a logger that asks more of its clock keeps its own.
    const eager = 'const dateTimeFormat = new Intl.DateTimeFormat([], {});';
    expect(deferClock(`${eager}\nconst a = dateTimeFormat.format(new Date());`)).toBeDefined();
    expect(deferClock(`${eager}\nconst b = dateTimeFormat.formatToParts(new Date());`)).toBeUndefined();
  });
});
