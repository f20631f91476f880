import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { openDb } from '@/db/client';
import { seedDemo } from '@/db/demo';
import { seedDemoAccounts } from '@/db/first-accounts';
import { getRoundScores, type RoundScores } from '@/db/queries';
import { sessionOf, type DEMO } from './auth-http';

export const SCREENSHOTS = path.join(__dirname, 'screenshots');
/** The README's pictures: screenshots of the same names, taken again only when asked (UPDATE_README_IMAGES=1). */
const README_IMAGES = path.join(__dirname, 'readme-images');

export function baseURL(): string {
  return inject('baseURL');
}

/**
 * Every Content-Security-Policy violation any page of the suite caused, as Chromium reported it.
 * tests/e2e/setup.ts fails the test during which one occurred: the app must work with its CSP on.
 */
export const cspViolations: string[] = [];

async function watchCsp(context: BrowserContext): Promise<void> {
  // The event carries what was blocked and by which directive; Chromium's own console line does too.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`)),
  );
  context.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('CSP violation') || text.includes('Content Security Policy')) cspViolations.push(`${m.page()?.url() ?? ''}: ${text}`);
  });
}

/** Chromium, with every context it opens watched for CSP violations. */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    await watchCsp(context);
    return context;
  };
  return browser;
}

export interface TrackedPage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
}

/** `as`: the demo account whose session the page carries (every page needs a login); null for none. */
export async function openPage(browser: Browser, opts: { locale?: 'zh-CN' | 'en'; width?: number; as?: keyof typeof DEMO | null } = {}): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1400, height: 900 }, acceptDownloads: true });
  const as = opts.as === undefined ? 'admin' : opts.as;
  if (as) {
    const [name, value] = (await sessionOf(as)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseURL(), httpOnly: true, sameSite: 'Lax' }]);
  }
  if (opts.locale) await context.addCookies([{ name: 'locale', value: opts.locale, url: baseURL() }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Navigates and waits until the charts have had their first paint and the webfont is in. */
export async function visit(page: Page, pathname: string): Promise<void> {
  const res = await page.goto(`${baseURL()}${pathname}`, { waitUntil: 'networkidle' });
  if (!res || res.status() >= 400) throw new Error(`${pathname} answered ${res?.status()}`);
  await page.evaluate(() => document.fonts.ready);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  const image = path.join(README_IMAGES, `${name}.png`);
  if (process.env.UPDATE_README_IMAGES === '1' && fs.existsSync(image)) fs.copyFileSync(path.join(SCREENSHOTS, `${name}.png`), image);
}

/**
 * What the server should show, computed independently: the same demo seeding and the same query
 * on a private in-memory database (the server's data folder can only be opened by the server).
 */
export async function expectedRound(slug: string): Promise<RoundScores> {
  const handle = await openDb({});
  try {
    await seedDemo(handle.db);
    // The demo accounts bring round 2021's panel of reviewers, which the server has too.
    await seedDemoAccounts(handle.db);
    const rs = await getRoundScores(slug, {}, handle.db);
    if (!rs) throw new Error(`demo round ${slug} missing`);
    return rs;
  } finally {
    await handle.close();
  }
}

/** Text of every body cell, row by row. */
export function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page.$$eval(`[data-testid="${testId}"] tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())),
  );
}

/**
 * Number of shapes the browser's echarts drew in a chart, once it has drawn (the server's SVG of
 * the first paint does not count): zero means nothing was drawn.
 */
export async function chartShapes(page: Page, testId: string): Promise<number> {
  await page.waitForSelector(`[data-testid="${testId}"][data-drawn="client"]`, { timeout: 15_000 });
  return page.$$eval(`[data-testid="${testId}"] .chart svg path, [data-testid="${testId}"] .chart svg rect`, (els) => els.length);
}

export async function chartText(page: Page, testId: string): Promise<string> {
  await page.waitForSelector(`[data-testid="${testId}"][data-drawn="client"]`, { timeout: 15_000 });
  return page.$eval(`[data-testid="${testId}"] .chart svg`, (svg) => Array.from(svg.querySelectorAll('text')).map((t) => t.textContent).join('|'));
}

/** Body rows of a DataTable as {column id: cell text}, whatever columns the page shows. */
export function tableCells(page: Page, testId: string): Promise<Record<string, string>[]> {
  return page.$$eval(`[data-testid="${testId}"] tbody tr`, (rows) =>
    rows.map((r) => Object.fromEntries(Array.from(r.children).map((c) => [(c as HTMLElement).dataset.col ?? '', (c.textContent ?? '').trim()]))),
  );
}
