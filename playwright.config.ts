import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.ts';
import { serverArgs } from './src/server/node-flags.ts';

const port = Number(process.env.E2E_PORT ?? 4329);
// Set once in the runner, so the workers (which inherit it) know the server's data folder,
// for what an operator does on the command line (npm run staff -- invite).
process.env.E2E_DATA_DIR ??= join(tmpdir(), `helpcenter-e2e-${Date.now()}`);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // No retries: a flaky test must show. The timeout only catches a test that hangs; speed is the
  // benchmarks' business. The longest journeys (a customer, an agent and a supervisor, each signing
  // up with real argon2 and linking an app; the whole search evaluation set) took 30 s on a quiet
  // day and 55-60 s on a busy one with two workers on two cores, so a test gets 150 s.
  retries: 0,
  timeout: 150_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Recording a trace for every test, to keep only a failure's, cost CI a quarter of the browser
    // suite on a slow machine (16 tests: 53-55 s against 40-43 s, two runs each). CI reports the
    // failure; a local run of the failing test (without CI set) keeps its trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    // A failure's last screen costs nothing until a test fails.
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions({ headlessShell: true }),
  },
  webServer: {
    command: ['node', ...serverArgs].join(' '),
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // A fresh data folder per run; many accounts come from one address, so rate limits are raised
    // (the API tests check them at their real size).
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: process.env.E2E_DATA_DIR,
      RATE_LIMIT_FACTOR: '50',
      LOG_LEVEL: 'warn',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
