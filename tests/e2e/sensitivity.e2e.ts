import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { fmtPercent, fmtScore, renderExplanation } from '@/lib/scoring';
import { comparePolicies, scaleOf, whatIf } from '@/lib/scoring/sensitivity';
import { authedFetch } from './auth-http';
import { baseURL, chartShapes, expectedRound, launch, openPage, screenshot, tableRows, visit } from './helpers';

/**
 * 口径对比, who sets the scale and 试算, per role, against figures computed independently by the
 * same analysis on a private copy of the demo round.
 */

let browser: Browser;
let expected: RoundScores;
const members = (g: string) => expected.scores.departments.filter((d) => d.group === g);

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
});
afterAll(async () => {
  await browser?.close();
});

describe('口径对比', () => {
  it('shows a leader every unit’s totals and ranks under the three policies, the round’s own first, and a slope chart', async () => {
    const group = '县直部门';
    const want = comparePolicies(expected.system, expected.departments, expected.scores.policy, expected.scores).rows.filter((r) => r.group === group);
    const { page, errors } = await openPage(browser, { as: 'leader' });
    await visit(page, `/rounds/2021/policies?group=${encodeURIComponent(group)}`);
    const rows = (await tableRows(page, 'policies-table')).map((r) => r.map((c) => c.replace(/并列$/, '')));
    // Columns: rank, name, range, then per policy its total and rank (and the move, after the first).
    expect(rows.map((r) => [r[1], r[3], r[4], r[5], r[6], r[8], r[9]])).toEqual(
      want.map((w) => [w.name, ...w.results.flatMap((x) => [fmtScore(x.total), String(x.rank)])]),
    );
    // Rows whose rank moves under another policy are highlighted.
    const moved = await page.$$eval('[data-testid="policies-table"] tbody tr', (trs) => trs.map((tr) => tr.classList.contains('moved')));
    expect(moved).toEqual(want.map((w) => w.results.some((x) => x.move !== 0)));
    expect(await chartShapes(page, 'slope-chart')).toBeGreaterThan(want.length);
    await expect(page.getByTestId('removals-table').count()).resolves.toBe(1);
    await screenshot(page, 'policies-leader');
    expect(errors).toEqual([]);
  });

  it('shows a department its own three totals and ranks only, also on a phone', async () => {
    const { page, errors } = await openPage(browser, { as: 'department', width: 390 });
    await visit(page, '/rounds/2021/policies');
    // One line per policy, the round's own first: total, rank, move.
    const rows = (await tableRows(page, 'policies-table')).map((r) => r.map((c) => c.replace(/并列$/, '')));
    const own = comparePolicies(expected.system, expected.departments, expected.scores.policy, expected.scores).rows.find((r) => r.code === 'xiaolvzhai')!;
    expect(rows.map((r) => [r[1], r[2]])).toEqual(own.results.map((x) => [fmtScore(x.total), String(x.rank)]));
    expect(rows[0]![0]).toContain('本轮口径');
    await expect(page.getByTestId('slope-chart').count()).resolves.toBe(0);
    await expect(page.getByTestId('removals-table').count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'policies-department-phone');
    expect(errors).toEqual([]);
  });
});

describe('who sets the scale', () => {
  it('names the min and max setters on the indicator page, with every other unit’s score without each', async () => {
    const scale = scaleOf(expected.system, expected.scores, '乡镇', 'budget_adjustment')!;
    const { page, errors } = await openPage(browser);
    await visit(page, '/rounds/2021/indicators/budget_adjustment?group=乡镇');
    const listed = await page.$$eval('[data-testid="setters"] li', (lis) => lis.map((li) => (li.textContent ?? '').trim()));
    expect(listed.map((x) => x.replace(/离群$/, ''))).toEqual(scale.setters.map((s) => `${s.side === 'min' ? '最小值' : '最大值'}：${s.name}（${fmtPercent(s.value)}）`));
    const rows = await tableRows(page, 'scores-without');
    const first = scale.without[0]!;
    const byName = new Map(rows.map((r) => [r[0], r]));
    scale.members.forEach((m, i) => {
      if (m.code === first.code) return;
      expect(byName.get(m.name)![3], m.name).toBe(fmtScore(first.scores[i]!));
    });
    await screenshot(page, 'indicator-setters');
    expect(errors).toEqual([]);
  });

  it('tells a department in its explanation that it sets the scale, in the viewer’s language', async () => {
    const max = scaleOf(expected.system, expected.scores, '乡镇', 'budget_adjustment')!.setters.find((s) => s.side === 'max')!;
    const leaf = expected.scores.departments.find((d) => d.code === max.code)!.indicators.budget_adjustment!;
    const path = `/rounds/2021/explain?department=${max.code}&indicator=budget_adjustment`;
    const r = await authedFetch(`${baseURL()}${path}`);
    expect(r.status).toBe(200);
    const zh = renderExplanation(leaf.explanation, expected.system, 'zh-CN').sets;
    expect(zh).toContain('本单位的值决定了同组最大值');
    expect(await r.json()).toMatchObject({ sets: zh });
    // In English, through a signed-in English browser session.
    const { page, errors } = await openPage(browser, { locale: 'en' });
    await visit(page, '/rounds/2021/indicators/budget_adjustment?group=乡镇');
    const en = await page.evaluate(async (p) => ((await (await fetch(p)).json()) as { sets: string }).sets, path);
    expect(en).toBe(renderExplanation(leaf.explanation, expected.system, 'en').sets);
    expect(en).toMatch(/^This unit's value sets the group's maximum/);
    expect(errors).toEqual([]);
  });
});

describe('试算', () => {
  it('lets a department change a value and see its new scores at once, in a shareable link, told only that others move', async () => {
    // 5 万元 of adjustments makes 小吕寨镇's 预算调整率 the group's new minimum: others' scale moves.
    const tried = whatIf(expected.system, expected.departments, expected.scores, 'xiaolvzhai', { budget_adjusted: '5' });
    if (!tried.ok) throw new Error('the what-if should score');
    expect(tried.othersMoved).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser, { as: 'department' });
    await visit(page, '/rounds/2021/departments/xiaolvzhai');
    await page.getByTestId('whatif-link').click();
    await page.waitForURL(/\/whatif$/);
    await page.getByLabel('预算调整数（万元）').fill('5');
    await page.waitForURL(/budget_adjusted=5/);
    await expect.poll(() => page.getByTestId('whatif-total').innerText()).toMatch(new RegExp(`^${fmtScore(tried.department.total)}`));
    await expect(page.getByTestId('whatif-rank').innerText()).resolves.toMatch(new RegExp(`^${tried.department.rank}`));
    // The grade (评价等级) now and with the change, from the engine.
    const now = expected.scores.departments.find((d) => d.code === 'xiaolvzhai')!;
    await expect(page.getByTestId('whatif-grade-before').innerText()).resolves.toBe(now.grade);
    await expect(page.getByTestId('whatif-grade').innerText()).resolves.toMatch(new RegExp(`^${tried.department.grade}`));
    await expect(page.getByTestId('whatif-others-note').innerText()).resolves.toContain('其他单位的得分也会随之变化');
    await expect(page.getByTestId('whatif-others').count()).resolves.toBe(0);
    const shown = await page.evaluate(() => document.body.innerText);
    for (const o of tried.others) expect(shown).not.toContain(o.name);
    await screenshot(page, 'whatif-department');
    expect(errors).toEqual([]);

    // The same link, opened by the bureau, also lists who moves and by how much.
    const admin = await openPage(browser);
    await visit(admin.page, new URL(page.url()).pathname + new URL(page.url()).search);
    const rows = await tableRows(admin.page, 'whatif-others');
    expect(rows.map((r) => r[0]).sort()).toEqual(tried.others.map((o) => o.name).sort());
    await screenshot(admin.page, 'whatif-bureau');
    expect(admin.errors).toEqual([]);
  });

  it('shows the grade now and with the change in English too', async () => {
    const tried = whatIf(expected.system, expected.departments, expected.scores, 'xiaolvzhai', { budget_adjusted: '5' });
    if (!tried.ok) throw new Error('the what-if should score');
    const { page, errors } = await openPage(browser, { locale: 'en' });
    await visit(page, '/rounds/2021/departments/xiaolvzhai/whatif?budget_adjusted=5');
    const figures = await page.getByTestId('whatif-figures').innerText();
    expect(figures).toContain('Grade now');
    expect(figures).toContain('Grade (what-if)');
    await expect(page.getByTestId('whatif-grade').innerText()).resolves.toMatch(new RegExp(`^${tried.department.grade}`));
    await screenshot(page, 'whatif-en');
    expect(errors).toEqual([]);
  });
});
