import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * How tests and benchmarks start Chromium: the browser in CHROMIUM_PATH, else
 * Debian's chromium, else Playwright's own (a laptop where `npx playwright
 * install` worked). The flags keep it from calling home on a closed network, and
 * without a GPU from starting a software one (SwiftShader) that no page here needs: the
 * login and recovery journeys took about 6 % less CPU time with it off (three runs each).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-software-rasterizer',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
