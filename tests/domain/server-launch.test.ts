import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { serverArgs } from '../../src/server/node-flags.ts';

describe('how the built server starts', () => {
  it('npm start and npm run serve use the same V8 flags as the tests and benchmarks', () => {
    const command = ['node', ...serverArgs].join(' ');
    expect(pkg.scripts.serve).toBe(command);
    expect(pkg.scripts.start).toBe(`astro build && ${command}`);
  });
});
