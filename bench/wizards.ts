// The wizard pages: what they cost to download, and how soon the first question answers a click.
import type { Browser } from '@playwright/test';
import { wizardUrl } from '../src/site/wizards.ts';
import { wizardIds } from '../src/wizards/ids.ts';
import { javascriptBytes } from './site.ts';
import { median, type Row } from './table.ts';

/**
 * Navigation start to the first frame that shows an option, in ms, read in the page: an option in
 * the server's HTML is a plain form that works from that frame on, before any script has run.
 */
async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const seen = () => {
      if (document.querySelector('.wizard__option')) (window as unknown as { optionAt: number }).optionAt ??= performance.now();
      else requestAnimationFrame(seen);
    };
    requestAnimationFrame(seen);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.wizard__option').first().waitFor();
  const ms = await page.evaluate(() => (window as unknown as { optionAt: number }).optionAt);
  await page.close();
  return ms;
}

export async function wizardRows(browser: Browser, base: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const wizard of wizardIds) {
    const url = `${base}${wizardUrl(wizard, 'nl')}`;
    const { raw, gzip } = await javascriptBytes(browser, url);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await timeToInteractive(browser, url));
    rows.push({
      section: 'wizards',
      metric: `${wizard}: JavaScript raw / gzip`,
      value: `${raw.toLocaleString('en-US')} / ${gzip.toLocaleString('en-US')}`,
      unit: 'B',
      goal: `≤ 35,840 gzip: ${gzip <= 35_840 ? 'yes' : 'NO'}`,
    });
    rows.push({
      section: 'wizards',
      metric: `${wizard}: first question clickable (median of 5)`,
      value: Math.round(median(times)),
      unit: 'ms',
      goal: `< 100, HTML without script: ${median(times) < 100 ? 'yes' : 'NO'}`,
    });
  }
  return rows;
}
