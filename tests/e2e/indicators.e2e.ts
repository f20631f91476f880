import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { fmtPercent, fmtScore, indexSystem, renderExplanation } from '@/lib/scoring';
import { pointsLost, scoreRate } from '@/lib/stats';
import { chartShapes, chartText, expectedRound, launch, openPage, screenshot, tableRows, visit } from './helpers';

let browser: Browser;
let expected: RoundScores;
const members = (g: string) => expected.scores.departments.filter((d) => d.group === g);

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
});
afterAll(async () => {
  await browser?.close();
});

describe('indicator overview (heat table)', () => {
  it('shows every department’s score rate on every indicator, with the weights in the header', async () => {
    const group = '乡镇';
    const leaves = indexSystem(expected.system).leaves;
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021/indicators?group=${encodeURIComponent(group)}`);
    const headers = await page.$$eval('[data-testid="heat-table"] thead a', (as) => as.map((a) => (a.textContent ?? '').trim()));
    expect(headers).toEqual(leaves.map(({ leaf }) => `${leaf.name}${leaf.weight.toFixed()} 分`));
    const rows = await tableRows(page, 'heat-table');
    const want = members(group);
    expect(rows.map((r) => r[0])).toEqual(want.map((d) => d.name));
    // Columns: name, rank, total, then one per leaf.
    expect(rows.map((r) => r.slice(3))).toEqual(want.map((d) => leaves.map(({ leaf }) => fmtPercent(scoreRate(d.indicators[leaf.code]!.score, leaf.weight)))));
    await screenshot(page, 'indicators-heat');
    expect(errors).toEqual([]);
  });

  it('opens a cell’s explanation on click and closes it with Escape, returning focus to the cell', async () => {
    const d = members('乡镇').find((x) => x.indicators.budget_adjustment!.status === 'interpolated')!;
    const s = d.indicators.budget_adjustment!;
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021/indicators?group=乡镇');
    const cell = page.getByRole('button', { name: new RegExp(`^${d.name} · 预算调整率`) });
    await cell.click();
    const dialog = page.getByTestId('explain-dialog');
    const said = renderExplanation(s.explanation, expected.system, 'zh-CN');
    await expect.poll(() => dialog.locator('.formula').textContent()).toBe(said.formula);
    await expect(dialog.innerText()).resolves.toContain(said.target);
    await expect(dialog.innerText()).resolves.toContain(said.rule);
    await screenshot(page, 'indicators-dialog', false);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((el) => (el as HTMLDialogElement).open)).toBe(false);
    await expect(cell.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('in English the dialog shows the engine’s English rule, formula and target', async () => {
    const d = members('乡镇').find((x) => x.indicators.budget_adjustment!.status === 'interpolated')!;
    const said = renderExplanation(d.indicators.budget_adjustment!.explanation, expected.system, 'en');
    const { page, errors } = await openPage(browser, { locale: 'en' });
    await visit(page, '/rounds/2021/indicators?group=乡镇');
    await page.getByRole('button', { name: new RegExp(`^${d.name} · 预算调整率`) }).click();
    const dialog = page.getByTestId('explain-dialog');
    await expect.poll(() => dialog.locator('.formula').textContent()).toBe(said.formula);
    expect(said.formula).toMatch(/comparable values in the group; score = /);
    const text = await dialog.innerText();
    expect(text).toContain(said.target);
    expect(text).toContain(said.rule);
    await screenshot(page, 'indicators-dialog-en', false);
    expect(errors).toEqual([]);
  });

  it('opens the explanation with the keyboard alone', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021/indicators?group=乡镇');
    const first = page.locator('[data-testid="heat-table"] tbody button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('explain-dialog').evaluate((el) => (el as HTMLDialogElement).open)).toBe(true);
    await expect.poll(() => page.getByTestId('explain-dialog').locator('dl').count()).toBe(1);
  });
});

describe('indicator page', () => {
  it('draws the values with the thresholds and the min and max the group used, and lists the in-band departments', async () => {
    const group = '乡镇';
    const code = 'budget_adjustment';
    const stat = expected.scores.cohort[group]![code]!;
    expect(stat.basis, 'the demo group interpolates 预算调整率 between its own values').toBe('cohort');
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021/indicators/${code}?group=${encodeURIComponent(group)}`);
    expect(await chartShapes(page, 'indicator-chart')).toBeGreaterThan(0);
    const text = await chartText(page, 'indicator-chart');
    for (const label of ['满分线 0.00%', '零分线 10.00%', `插值所用最小值 ${fmtPercent(stat.min)}`, `插值所用最大值 ${fmtPercent(stat.max)}`]) {
      expect(text).toContain(label);
    }
    const inBand = members(group).filter((d) => {
      const e = d.indicators[code]!.explanation;
      return e.rule === 'banded' && e.band === 'in_band';
    });
    expect(inBand.length).toBeGreaterThan(1);
    const listed = await page.getByTestId('in-band').innerText();
    for (const d of inBand) expect(listed).toContain(d.name);
    for (const d of members(group).filter((x) => !inBand.includes(x))) expect(listed).not.toContain(`${d.name}（`);
    await screenshot(page, 'indicator-budget_adjustment');
    expect(errors).toEqual([]);
  });

  it('in English the rule and every department’s formula come from the engine’s English renderer', async () => {
    const group = '乡镇';
    const code = 'budget_adjustment';
    const { page, errors } = await openPage(browser, { locale: 'en' });
    await visit(page, `/rounds/2021/indicators/${code}?group=${encodeURIComponent(group)}`);
    const first = renderExplanation(members(group)[0]!.indicators[code]!.explanation, expected.system, 'en');
    await expect(page.locator('#rule-title + p.muted + p').innerText()).resolves.toBe(first.rule);
    await screenshot(page, `indicator-${code}-en`);
    // A checklist's page lists each department's formula.
    await visit(page, `/rounds/2021/indicators/fund_compliance?group=${encodeURIComponent(group)}`);
    const cells = (await tableRows(page, 'lost-table')).flat();
    for (const d of members(group)) expect(cells).toContain(renderExplanation(d.indicators.fund_compliance!.explanation, expected.system, 'en').formula);
    await screenshot(page, 'indicator-fund_compliance-en');
    expect(errors).toEqual([]);
  });

  it('lists the points each department lost on the indicator, the biggest loss first', async () => {
    const group = '县直部门';
    const code = 'budget_completion';
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021/indicators/${code}?group=${encodeURIComponent(group)}`);
    const rows = await tableRows(page, 'lost-table');
    const lostByName = new Map(members(group).map((d) => [d.name, fmtScore(pointsLost(d.indicators[code]!))]));
    expect(rows).toHaveLength(lostByName.size);
    for (const r of rows) expect(r[r.length - 1]).toBe(lostByName.get(r[0]!));
    const lost = rows.map((r) => Number(r[r.length - 1]));
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    await screenshot(page, `indicator-${code}`);
  });

  it('shows a checklist indicator as a distribution of scores', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, '/rounds/2021/indicators/fund_compliance?group=乡镇');
    expect(await chartShapes(page, 'indicator-chart')).toBeGreaterThan(0);
    await expect(page.locator('h1').innerText()).resolves.toContain('资金使用合规性');
    await screenshot(page, 'indicator-fund_compliance');
    expect(errors).toEqual([]);
  });
});
