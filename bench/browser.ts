import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.ts';

/** The same Chromium the end-to-end tests use. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
