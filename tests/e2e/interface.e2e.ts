import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { seedDemo } from '@/db/demo';
import { seedDemoAccounts } from '@/db/first-accounts';
import { getRoundScores } from '@/db/queries';
import type { DEMO } from './auth-http';
import { expectedRound, launch, openPage, screenshot, visit } from './helpers';
import { dataNames, sidewaysOverflow, strayChinese } from './interface-checks';

/**
 * The interface as each role meets it (issue 11 §2, §4): every page the role may open, on a phone
 * (390 px), in English — no Chinese but names from data, and nothing scrolling sideways — and the
 * widest pages in Chinese too. Each page is loaded once per language and checked for everything at
 * once; its screenshot is kept as tests/e2e/screenshots/phone-<language>-<role>-<page>.png.
 */

type Role = keyof typeof DEMO | null;
const UNIT = 'xiaolvzhai';
const REVIEWED = 'demo-guanting';

const PAGES: [Role, string[]][] = [
  [
    'admin',
    [
      '/rounds/2021',
      '/rounds/2020',
      '/rounds/2021/indicators',
      '/rounds/2021/indicators/carryover',
      '/rounds/2021/indicators/fund_compliance',
      `/rounds/2021/departments/${UNIT}`,
      `/rounds/2021/departments/${UNIT}/whatif?budget_adjusted=5`,
      '/rounds/2021/policies',
      '/rounds/2021/review',
      `/rounds/2021/review/${UNIT}`,
      '/rounds/2021/manage',
      '/rounds/2020/manage',
      '/admin/rounds',
      '/admin/users',
      '/admin/audit',
      '/admin/units',
      '/account',
    ],
  ],
  ['leader', ['/rounds/2021', `/rounds/2021/departments/${UNIT}/whatif`]],
  ['department', ['/rounds/2021/submission', `/rounds/2021/departments/${UNIT}`, '/rounds/2021/policies', `/rounds/2021/departments/${UNIT}/whatif`]],
  ['reviewer', ['/rounds/2021/evaluate', `/rounds/2021/evaluate/${REVIEWED}`]],
  [null, ['/login']],
];

/** Pages whose Chinese is laid out differently enough to check again: tables, charts, long forms. */
const ZH_TOO = new Set(['/rounds/2021', '/rounds/2021/indicators/carryover', `/rounds/2021/departments/${UNIT}`, `/rounds/2021/review/${UNIT}`, '/rounds/2021/manage', '/admin/audit', '/rounds/2021/submission', `/rounds/2021/evaluate/${REVIEWED}`, '/login']);

let browser: Browser;
let names: string[];
beforeAll(async () => {
  browser = await launch();
  // The names the demo data brings, from the same seeding on a private in-memory database.
  const handle = await openDb({});
  try {
    await seedDemo(handle.db);
    await seedDemoAccounts(handle.db);
    names = dataNames([(await getRoundScores('2021', {}, handle.db))!, (await getRoundScores('2020', {}, handle.db))!]);
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

const fileName = (role: Role, locale: string, path: string) => `phone-${locale}-${role ?? 'anonymous'}${path.replace(/\?.*$/, '').replace(/[^a-z0-9]+/gi, '-')}`;

/** Opens the page with every fold unfolded, so what a reader can reach is checked too. */
async function unfolded(page: Page, path: string): Promise<void> {
  await visit(page, path);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

describe('every page, as each role, on a phone', () => {
  it.each(PAGES)('as %s: English has no Chinese but data names, and nothing scrolls sideways (English, and Chinese where it differs)', { timeout: 240_000 }, async (role, paths) => {
    const problems: string[] = [];
    for (const locale of ['en', 'zh-CN'] as const) {
      const { page, errors } = await openPage(browser, { locale, width: 390, as: role });
      for (const path of locale === 'en' ? paths : paths.filter((p) => ZH_TOO.has(p))) {
        await unfolded(page, path);
        if (locale === 'en') problems.push(...(await strayChinese(page, names)).map((s) => `${path} (en): ${s}`));
        problems.push(...(await sidewaysOverflow(page)).map((s) => `${path} (${locale}): ${s}`));
        await screenshot(page, fileName(role, locale, path));
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});

describe('the heat table with the keyboard', () => {
  it('is one tab stop; arrow keys, Home and End move between cells; Enter opens the explanation', async () => {
    const { page } = await openPage(browser, { locale: 'en' });
    await visit(page, '/rounds/2021/indicators');
    const grid = page.locator('[data-testid="heat-table"]');
    await expect(grid.getAttribute('role')).resolves.toBe('grid');
    const stops = () => grid.locator('tbody [tabindex="0"]').count();
    await expect.poll(stops).toBe(1);
    await expect(grid.locator('tbody a[href], tbody button').count()).resolves.toBeGreaterThan(50);

    // Tab from the control just before the grid lands on its one stop; one more Tab leaves it.
    await grid.locator('tbody [tabindex="0"]').focus();
    const cell = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const tr = el.closest('tr')!;
      return [Array.from(tr.parentElement!.children).indexOf(tr), Array.from(tr.querySelectorAll('a[href], button')).indexOf(el)];
    });
    await expect(cell()).resolves.toEqual([0, 0]);
    await page.keyboard.press('ArrowRight');
    await expect(cell()).resolves.toEqual([0, 1]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(cell()).resolves.toEqual([2, 1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await expect(cell()).resolves.toEqual([1, 0]);
    await page.keyboard.press('End');
    const [, last] = await cell();
    expect(last).toBeGreaterThan(10);
    await page.keyboard.press('Home');
    await expect(cell()).resolves.toEqual([1, 0]);
    // Still one tab stop, now where the reader left off.
    await expect(stops()).resolves.toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(cell()).resolves.toEqual([1, 1]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('explain-dialog').evaluate((el) => (el as HTMLDialogElement).open)).toBe(true);
  });
});

describe('the walkthrough, as the three roles found it', () => {
  it('a sorted, filtered ranking lives in the URL and keeps its place across rounds', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent('乡镇')}`);
    const param = (k: string) => () => new URL(page.url()).searchParams.get(k);
    await page.locator('[data-testid="ranking-table"] thead button', { hasText: '总分' }).first().click();
    await expect.poll(param('sort')).toMatch(/^total\.(asc|desc)$/);
    await page.locator('input[type="search"]').first().fill('镇');
    await expect.poll(param('q')).toBe('镇');
    const sort = param('sort')();
    // A shared link opens the same view; the round selector keeps page, group, sort and filter.
    await page.getByTestId('round-select').selectOption('2020');
    await page.waitForURL((u) => u.pathname === '/rounds/2020');
    expect([param('group')(), param('sort')(), param('q')()]).toEqual(['乡镇', sort, '镇']);
    await page.waitForSelector('[data-testid="ranking-table"] tbody tr');
    const names = await page.$$eval('[data-testid="ranking-table"] tbody th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('镇'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('the review list counts and filters by status; a unit’s review shows its computed scores and links to its 评分表', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, '/rounds/2021/review');
    const counts = await page.$$eval('[data-testid="status-filter"] a', (as) => as.map((a) => [a.getAttribute('data-status') ?? 'all', Number(a.querySelector('.count')?.textContent)] as const));
    const all = counts.find(([s]) => s === 'all')![1];
    expect(counts.filter(([s]) => s !== 'all').reduce((n, [, c]) => n + c, 0)).toBe(all);
    // Rows are the units (a row header each); an empty list has a row saying so.
    const units = () => page.locator('[data-testid="review-list"] tbody tr:has(th)').count();
    await expect(units()).resolves.toBe(all);
    const [status, n] = counts.find(([s, c]) => s !== 'all' && c > 0 && c < all) ?? counts.find(([s]) => s === 'accepted')!;
    await page.locator(`[data-testid="status-filter"] a[data-status="${status}"]`).click();
    await page.waitForURL((u) => u.searchParams.get('status') === status);
    await expect.poll(units).toBe(n);

    const expected = (await expectedRound('2021')).scores.departments.find((d) => d.code === UNIT)!;
    await visit(page, `/rounds/2021/review/${UNIT}`);
    await expect(page.getByTestId('review-total').innerText()).resolves.toContain(expected.total);
    await expect(page.getByTestId('review-scorecard-link').getAttribute('href')).resolves.toBe(`/rounds/2021/departments/${UNIT}`);
    expect(errors).toEqual([]);
  });

  it('a low scorer’s 评分表 folds its weak indicators and names the checklist points not met', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, '/rounds/2021/departments/demo-xiguocheng');
    const weak = page.locator('[data-testid="weak-list"] > li > details');
    expect(await weak.count()).toBeGreaterThan(3);
    await expect(page.locator('[data-testid="weak-list"] > li > details[open]').count()).resolves.toBe(3);
    const text = await page.locator('main').evaluate((m) => m.textContent ?? '');
    expect(text).toMatch(/要点 [\d、]+ 不符合/);
    expect(text).toContain('✗');
    expect(errors).toEqual([]);
  });
});
