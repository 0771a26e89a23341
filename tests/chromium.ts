import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium headless shell: the build for automation that Playwright itself runs headless. */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
/** Debian's full Chromium, as customers run it. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * How tests and benchmarks start Chromium: the browser in CHROMIUM_PATH, else Debian's, else
 * Playwright's own (a laptop where `npx playwright install` worked). The browser tests take the
 * headless shell where it is installed: the same Blink and V8, without the full browser around
 * them, and half the CPU time (the recovery journeys: 29 against 64 CPU seconds, 20 against 36 s).
 * The benchmarks measure pages as customers get them, in the full browser.
 * The flags keep it from calling home on a closed network, and without a GPU from starting a
 * software one (SwiftShader) that no page here needs: the login and recovery journeys took about
 * 6 % less CPU time with it off (three runs each).
 */
export function chromiumLaunchOptions({ headlessShell = false } = {}): LaunchOptions {
  const debian = [...(headlessShell ? [HEADLESS_SHELL] : []), CHROMIUM].find((path) => existsSync(path));
  const executablePath = process.env.CHROMIUM_PATH ?? debian;
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
