import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { fmtScore, renderExplanation } from '@/lib/scoring';
import { pointsLost, weakIndicators } from '@/lib/stats';
import { chartShapes, expectedRound, launch, openPage, screenshot, visit } from './helpers';

let browser: Browser;
let expected: RoundScores;

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
});
afterAll(async () => {
  await browser?.close();
});

const dept = (code: string) => expected.scores.departments.find((d) => d.code === code)!;

describe('department page (评分表)', () => {
  it('lists the seed township’s weak indicators, the biggest loss first, each with what earns full marks', async () => {
    const d = dept('xiaolvzhai');
    const weak = weakIndicators(expected.system, d);
    expect(weak.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    await visit(page, '/rounds/2021/departments/xiaolvzhai');
    await expect(page.getByTestId('department-total').innerText()).resolves.toBe(fmtScore(d.total));
    const items = page.locator('[data-testid="weak-list"] > li');
    await expect(items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')))).resolves.toEqual(weak.map((s) => s.code));
    for (let i = 0; i < weak.length; i++) {
      const text = await items.nth(i).innerText();
      expect(text).toContain(`失分 ${fmtScore(pointsLost(weak[i]!))}`);
      const said = renderExplanation(weak[i]!.explanation, expected.system, 'zh-CN');
      expect(text).toContain(said.target);
      expect(text).toContain(said.formula);
    }
    await screenshot(page, 'department-xiaolvzhai');
    expect(errors).toEqual([]);
  });

  it('in English the weak indicators carry the engine’s English formulas and targets', async () => {
    const d = dept('xiaolvzhai');
    const weak = weakIndicators(expected.system, d);
    const { page, errors } = await openPage(browser, { locale: 'en' });
    await visit(page, '/rounds/2021/departments/xiaolvzhai');
    const items = page.locator('[data-testid="weak-list"] > li');
    for (let i = 0; i < weak.length; i++) {
      const said = renderExplanation(weak[i]!.explanation, expected.system, 'en');
      const text = await items.nth(i).innerText();
      expect(text).toContain(said.target);
      expect(text).toContain(said.formula);
    }
    await screenshot(page, 'department-xiaolvzhai-en');
    expect(errors).toEqual([]);
  });

  it('draws the level-2 comparison and the history charts, with a year per round taken part in', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021/departments/xiaolvzhai');
    expect(await chartShapes(page, 'level2-chart')).toBeGreaterThan(7);
    expect(await chartShapes(page, 'history-chart')).toBeGreaterThan(0);
    await page.locator('.chart-alt summary').nth(1).click();
    const years = await page.$$eval('[data-testid="history-chart"] ~ details table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(years).toEqual(['2020', '2021']);
  });

  it('shows the full indicator tree with every leaf’s score and highlights self-scores that differ', async () => {
    const d = expected.scores.departments.find((x) => Object.values(x.indicators).some((s) => s.selfDiff && !s.selfDiff.isZero()))!;
    const differing = Object.values(d.indicators).filter((s) => s.selfDiff && !s.selfDiff.isZero()).map((s) => s.code);
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021/departments/${d.code}`);
    const leafIds = await page.$$eval('[data-testid="score-tree"] tr.leaf', (trs) => trs.map((tr) => tr.id.replace(/^leaf-/, '')));
    expect(leafIds.sort()).toEqual(Object.keys(d.indicators).sort());
    for (const code of Object.keys(d.indicators)) {
      const score = await page.locator(`#leaf-${code} td:nth-of-type(5)`).innerText();
      expect(score, code).toBe(fmtScore(d.indicators[code]!.score));
    }
    const highlighted = await page.$$eval('[data-testid="score-tree"] tr[data-self-diff]', (trs) => trs.map((tr) => tr.id.replace(/^leaf-/, '')));
    expect(highlighted.sort()).toEqual(differing.sort());
    await screenshot(page, `department-${d.code}`);
  });

  it('lists every stored version of the submission, newest first, with exactly one current', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021/departments/xiaolvzhai');
    const rows = await page.$$eval('[data-testid="versions"] tbody tr', (trs) => trs.map((tr) => (tr.querySelector('td')?.textContent ?? '').trim()));
    expect(rows.length).toBeGreaterThan(0);
    const numbers = rows.map((r) => parseInt(r, 10));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(rows.filter((r) => r.includes('当前'))).toHaveLength(1);
    expect(rows[0]).toContain('当前');
  });

  it('answers 404 for a department that is not in the round', async () => {
    const { page } = await openPage(browser);
    const res = await page.goto(`${(await import('./helpers')).baseURL()}/rounds/2021/departments/no-such-unit`);
    expect(res?.status()).toBe(404);
  });
});
