import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { fmtScore } from '@/lib/scoring';
import { totalSummary } from '@/lib/stats';
import { rankStability } from '@/lib/scoring/sensitivity';
import { baseURL, chartShapes, chartText, expectedRound, launch, openPage, screenshot, tableRows, visit } from './helpers';
import { authedFetch } from './auth-http';

let browser: Browser;
let expected: RoundScores;
const groups = () => [...new Set(expected.scores.departments.map((d) => d.group))];
const members = (g: string) => expected.scores.departments.filter((d) => d.group === g);

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
});
afterAll(async () => {
  await browser?.close();
});

describe('rankings page', () => {
  it('opens on the newest round’s rankings from the home page', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, '/');
    expect(new URL(page.url()).pathname).toBe('/rounds/2021');
    await expect(page.locator('h1').innerText()).resolves.toBe(expected.round.name);
    expect(errors).toEqual([]);
  });

  it('demo data has both groups, so every group is checked below', () => {
    expect(groups().sort()).toEqual(['乡镇', '县直部门']);
  });

  it.each(['乡镇', '县直部门'])('lists every %s department in the engine’s rank order, with its totals and subtotals', async (group) => {
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(group)}`);
    const rows = await tableRows(page, 'ranking-table');
    const want = members(group);
    expect(rows.map((r) => r[1])).toEqual(want.map((d) => d.name));
    // Rank as "k / n", then name and total.
    expect(rows.map((r) => r[0]!.replace('并列', ''))).toEqual(want.map((d) => `${d.rank} / ${want.length}`));
    // A unit awaiting evaluation (the demo's panel) shows its range [pending at 0, at full] and 待评议.
    expect(rows.map((r) => r[2])).toEqual(want.map((d) => (d.provisional ? `${fmtScore(d.total)}–${fmtScore(d.totalMax!)}待评议` : fmtScore(d.total))));
    // The leave-one-out rank range (column 3): its text, then the bar's words for screen readers.
    const ranges = new Map(rankStability(expected.system, expected.scores).flatMap((g) => g.ranges.map((r) => [r.code, r] as const)));
    expect(rows.map((r) => r[3])).toEqual(
      want.map((d) => {
        const { lo, hi } = ranges.get(d.code)!;
        return `${lo === hi ? lo : `${lo}–${hi}`}名次区间 ${lo}–${hi}（本轮第 ${d.rank} 名，共 ${want.length} 个单位）`;
      }),
    );
    // Then the grade (4), 较上年 (5, 6), and the level-1 subtotals in columns 7, 9, 11, 13 (each followed by its score rate).
    // A provisional total's grade is of its lower end, and says so.
    expect(rows.map((r) => r[4])).toEqual(want.map((d) => `${d.grade}${d.provisional ? '（暂定）' : ''}`));
    const level1 = expected.system.indicators.map((l) => l.code);
    expect(rows.map((r) => level1.map((_, i) => r[7 + 2 * i]))).toEqual(want.map((d) => level1.map((c) => fmtScore(d.level1[c]!))));
    await screenshot(page, `rankings-${group}`);
    expect(errors).toEqual([]);
  });

  it('marks departments with equal totals 并列', async () => {
    const tiedGroup = groups().find((g) => members(g).some((d) => d.tied));
    expect(tiedGroup, 'the demo round should contain a tie').toBeDefined();
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(tiedGroup!)}`);
    const rows = await tableRows(page, 'ranking-table');
    const want = members(tiedGroup!);
    expect(rows.map((r) => r[0]!.includes('并列'))).toEqual(want.map((d) => d.tied));
  });

  it('draws the stacked bar chart of totals with the group mean and median marked', async () => {
    const group = groups()[0]!;
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(group)}`);
    // One bar segment per department and level-1 indicator, at least.
    expect(await chartShapes(page, 'ranking-chart')).toBeGreaterThanOrEqual(members(group).length * 4);
    const summary = totalSummary(members(group))!;
    const text = await chartText(page, 'ranking-chart');
    expect(text).toContain(`平均 ${fmtScore(summary.mean)}`);
    expect(text).toContain(`中位数 ${fmtScore(summary.median)}`);
    await expect(page.getAttribute('[data-testid="ranking-chart"]', 'aria-label')).resolves.toContain(fmtScore(summary.mean));
  });

  it('puts a drawing of the chart into the HTML, so it is on screen before any script has run', async () => {
    const group = groups()[0]!;
    const html = await (await authedFetch(`${baseURL()}/rounds/2021?group=${encodeURIComponent(group)}`)).text();
    const svg = /<div class="chart-ssr"[^>]*>(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1];
    expect(svg).toBeDefined();
    const summary = totalSummary(members(group))!;
    expect(svg).toContain(`平均 ${fmtScore(summary.mean)}`);
    for (const d of members(group)) expect(svg).toContain(d.name);
  });

  it('offers the chart data as a table for readers who cannot see the chart', async () => {
    const group = groups()[0]!;
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(group)}`);
    await page.locator('.chart-alt summary').first().click();
    const rows = await page.$$eval('.chart-alt table tbody tr', (trs) => trs.map((tr) => (tr.querySelector('th')?.textContent ?? '').trim()));
    expect(rows).toEqual(members(group).map((d) => d.name));
  });

  it('filters the table by name and re-sorts it by total when the header is clicked', async () => {
    const group = groups()[0]!;
    const want = members(group);
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(group)}`);
    const target = want[want.length - 1]!;
    await page.getByRole('searchbox').fill(target.name);
    await expect.poll(() => tableRows(page, 'ranking-table').then((r) => r.map((x) => x[1]))).toEqual([target.name]);
    await page.getByRole('searchbox').fill('');
    await page.getByRole('button', { name: '总分', exact: true }).click();
    const firstClick = await tableRows(page, 'ranking-table');
    const totals = firstClick.map((r) => Number(r[2]));
    const sorted = [...totals].sort((a, b) => b - a);
    // The first click sorts descending (highest total first); the second reverses it.
    expect(totals).toEqual(sorted);
    await page.getByRole('button', { name: '总分', exact: true }).click();
    const secondClick = (await tableRows(page, 'ranking-table')).map((r) => Number(r[2]));
    expect(secondClick).toEqual([...sorted].reverse());
  });

  it('says that scores are relative to the group and can move until the round is published', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021');
    await expect(page.getByTestId('relative-note').innerText()).resolves.toBe(
      '得分为同组相对得分，按本轮插值口径计算；在本轮发布前，其他单位的数据变化可能使得分变动。',
    );
  });

  it('renders Chinese with the bundled Noto Sans SC webfont rather than a system fallback', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021');
    const loaded = await page.evaluate(() =>
      Array.from(document.fonts)
        .filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded')
        .map((f) => f.weight),
    );
    expect(loaded.length).toBeGreaterThan(0);
    // Every font file comes from this server: nothing is fetched from the network.
    const fontUrls = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\.woff2?$/.test(e.name)).map((e) => new URL(e.name).origin),
    );
    expect(new Set(fontUrls)).toEqual(new Set([new URL(page.url()).origin]));
  });
});
