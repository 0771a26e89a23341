import { describe, expect, it } from 'vitest';
import { once } from '../../src/shared/once.ts';

describe('once', () => {
  it('builds nothing until asked, then one thing for every caller, even callers at the same moment', async () => {
    let builds = 0;
    const thing = once(async () => ({ n: ++builds }));
    expect(thing.started()).toBe(false);
    expect(builds).toBe(0);
    const [a, b] = await Promise.all([thing.get(), thing.get()]);
    expect(a).toBe(b);
    expect(await thing.get()).toBe(a);
    expect(builds).toBe(1);
    expect(thing.started()).toBe(true);
  });

  it('fails every later call as the build failed, without building again', async () => {
    let tries = 0;
    const thing = once(async () => {
      tries++;
      throw new Error('the package could not load');
    });
    await expect(thing.get()).rejects.toThrow('the package could not load');
    await expect(thing.get()).rejects.toThrow('the package could not load');
    expect(tries).toBe(1);
  });
});
