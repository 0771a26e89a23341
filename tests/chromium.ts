import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * How tests and benchmarks start Chromium: the browser in CHROMIUM_PATH, else
 * Debian's chromium, else Playwright's own (a laptop where `npx playwright
 * install` worked). The flags keep it from calling home on a closed network.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
}
