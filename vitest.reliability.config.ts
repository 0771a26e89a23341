import { defineConfig } from 'vitest/config';

// Tests against the built server as a real process: run after `npm run build`.
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
