import { expect, test } from '@playwright/test';
import { evaluateSearch, evaluationSet } from '../search/evaluate.ts';

// The evaluation set (tests/search/evaluation.yaml) through the real search
// page in Chromium: how often the answer comes first, or in the first three.
const TARGETS = { top1: 0.9, top3: 0.98 };
const set = evaluationSet();

for (const lang of ['nl', 'en'] as const) {
  test(`search quality in ${lang}: top-1 ≥ ${TARGETS.top1 * 100} %, top-3 ≥ ${TARGETS.top3 * 100} %, no query without a result`, async ({
    page,
  }) => {
    const q = await evaluateSearch(page, lang, set[lang]);
    const report = q.misses.join('\n');
    console.log(
      `search quality ${lang}: ${q.queries} queries, top-1 ${q.top1}, top-3 ${q.top3}, zero results ${q.empty}\n${report}`,
    );
    expect(q.queries).toBeGreaterThanOrEqual(100);
    expect(q.empty, report).toBe(0);
    expect(q.top1 / q.queries, report).toBeGreaterThanOrEqual(TARGETS.top1);
    expect(q.top3 / q.queries, report).toBeGreaterThanOrEqual(TARGETS.top3);
    expect(
      q.misses.filter((m) => m.includes('wizard')),
      report,
    ).toEqual([]);
  });
}
