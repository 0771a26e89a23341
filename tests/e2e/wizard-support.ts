import { expect, type Page } from '@playwright/test';
import type { Lang } from '../../src/i18n/lang.ts';
import { islandTexts } from '../../src/site/flow-texts.ts';
import { wizardUrl } from '../../src/site/wizards.ts';
import { wizardSimplePaths } from '../../src/wizards/graph.ts';
import type { WizardId } from '../../src/wizards/ids.ts';
import { machines } from '../../src/wizards/index.ts';
import { stepMeta } from '../../src/wizards/steps.ts';

export const words = (lang: Lang, wizard: WizardId) =>
  islandTexts(lang, 'wizards')[wizard].steps as Record<
    string,
    { title: string; options: Record<string, string>; action?: string }
  >;

export interface EndPath {
  end: string;
  /** [state, event] pairs taken to get there. */
  steps: [string, string][];
  /** Whether a live flow sits on the way (those ends are reached by using it). */
  live: boolean;
}

/** For each end of a wizard, the shortest way there. */
export function endPaths(wizard: WizardId): EndPath[] {
  const best = new Map<string, EndPath>();
  for (const path of wizardSimplePaths(machines[wizard])) {
    if (path.state.status !== 'done') continue;
    // Each step holds the state an event led to; the answer at a state is the next step's event.
    const pairs = path.steps.slice(1).map((step, i) => [String(path.steps[i]!.state.value), step.event.type] as [string, string]);
    const live = path.steps.slice(0, -1).some((step) => stepMeta(step.state).kind === 'live');
    const end = String(path.state.value);
    const found = { end, steps: pairs, live };
    const known = best.get(end);
    if (!known || (known.live && !live) || (known.live === live && known.steps.length > pairs.length)) best.set(end, found);
  }
  return [...best.values()];
}

/** Clicks through a wizard by the labels a customer reads. */
export async function walk(page: Page, lang: Lang, wizard: WizardId, steps: [string, string][]) {
  const w = words(lang, wizard);
  for (const [state, event] of steps) {
    await expect(page.getByRole('heading', { level: 2, name: w[state]!.title })).toBeVisible();
    const label = w[state]!.options[event];
    if (!label) throw new Error(`no label for ${event} at ${state}`);
    await page.getByRole('button', { name: label, exact: true }).click();
  }
}

export async function openWizard(page: Page, lang: Lang, wizard: WizardId) {
  await page.goto(wizardUrl(wizard, lang));
  await expect(page.locator('.wizard h2')).toBeVisible();
  await wizardReady(page);
}

/**
 * The step is in the HTML from the server, and works as plain forms at once; these tests walk the
 * scripted wizard (focus, no reload, live steps), so they wait until the island has taken over.
 */
export async function wizardReady(page: Page) {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}
