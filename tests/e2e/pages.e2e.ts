import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launch, openPage, screenshot, visit } from './helpers';
import { authedFetch, sessionOf } from './auth-http';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  ['/rounds/2021', 'page-rankings'],
  ['/rounds/2020', 'page-rankings-2020'],
  ['/rounds/2021/indicators', 'page-indicators'],
  ['/rounds/2021/indicators/staff_control', 'page-indicator-staff_control'],
  ['/rounds/2021/indicators/payment_progress', 'page-indicator-payment_progress'],
  ['/rounds/2021/indicators/satisfaction', 'page-indicator-satisfaction'],
  ['/rounds/2021/departments/xiaolvzhai', 'page-department'],
] as const;

describe('every page', () => {
  it.each(PAGES)('%s loads the demo round without errors', async (pathname, name) => {
    const { page, errors } = await openPage(browser);
    await visit(page, pathname);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    // 2020 is published: its pages say the scores are frozen; 2021's that they are relative and may move.
    await expect(page.getByTestId(pathname.startsWith('/rounds/2020') ? 'published-banner' : 'relative-note').isVisible()).resolves.toBe(true);
    await screenshot(page, name);
    expect(errors).toEqual([]);
  });

  it('shows the ranking table and the chart before (or without) any script', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
    const [name, value] = (await sessionOf('admin')).split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseURL() }]);
    const page = await context.newPage();
    await page.goto(`${baseURL()}/rounds/2021`, { waitUntil: 'networkidle' });
    await expect(page.locator('[data-testid="ranking-table"] tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('[data-testid="ranking-chart"] .chart-ssr svg path').count()).resolves.toBeGreaterThan(20);
    await screenshot(page, 'page-rankings-nojs');
    await context.close();
  });

  it('answers 404 for an unknown round', async () => {
    const res = await authedFetch(`${baseURL()}/rounds/1999`);
    expect(res.status).toBe(404);
  });

  it('switches the interface to English and back, keeping indicator names in Chinese', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021/indicators');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByRole('link', { name: 'Rankings' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('relative-note').innerText()).resolves.toContain('relative to the group');
    await expect(page.locator('[data-testid="heat-table"] thead').innerText()).resolves.toContain('预算调整率');
    await screenshot(page, 'page-indicators-en');
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('can be used with the keyboard: the skip link and the sort buttons take focus with a visible outline', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('跳到正文');
    const sort = page.locator('[data-testid="ranking-table"] thead button').first();
    await sort.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="ranking-table"] thead th').first().getAttribute('aria-sort')).resolves.toBe('descending');
    const outline = await sort.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });
});
