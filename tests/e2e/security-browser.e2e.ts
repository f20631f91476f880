import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { tableColumns } from '@/lib/interchange/table';
import { cohortToJson, type Department } from '@/lib/scoring';
import { badRowsCsv } from '../security/bombs';
import { request, sessionOf } from './auth-http';
import { baseURL, cspViolations, expectedRound, launch, openPage, screenshot, visit } from './helpers';

/**
 * Issue 8 in Chromium: a department name from an uploaded file that is both HTML and a spreadsheet
 * formula (findings 1 and 4), the app framed by another page (finding 8), and the CSP itself.
 * One demo unit is renamed for the length of this file and renamed back afterwards.
 */

const CODE = 'demo-zhangwangtuan';
const GROUP = '乡镇';
const HOSTILE = '=HYPERLINK("http://evil.example")<img src=x onerror="window.__xss=1"><b>粗</b>';

let browser: Browser;
let expected: RoundScores;
let original: Department;

async function uploadAs(d: Department): Promise<void> {
  const file = new FormData();
  const json = cohortToJson({ system: expected.system.id, round: { name: expected.round.name, year: expected.round.year }, departments: [d] });
  file.set('file', new Blob([JSON.stringify(json)], { type: 'application/json' }), 'rename.json');
  const r = await request('/rounds/2021/upload', { cookie: await sessionOf('admin'), method: 'POST', body: file });
  expect(r.status, r.body).toBe(200);
}

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
  original = expected.departments.find((d) => d.code === CODE)!;
  await uploadAs({ ...original, name: HOSTILE });
});
afterAll(async () => {
  if (original) await uploadAs(original);
  await browser?.close();
});

/** Elements the hostile name would have created had it been parsed as HTML anywhere on the page. */
const injected = (page: Page) =>
  page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    bold: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === '粗').length,
    ran: (window as unknown as { __xss?: number }).__xss ?? 0,
  }));

/**
 * Hovers every drawn mark of a chart (bars, points) until its tooltip shows `text`; returns the
 * tooltip's text, or null when no mark's tooltip did. After each hover it waits for the tooltip to
 * show that mark (its text changed), or at most five frames when two marks read the same.
 */
async function hoverUntilTooltip(page: Page, testId: string, text: string, limit = Infinity): Promise<string | null> {
  const box = page.getByTestId(testId);
  await page.waitForSelector(`[data-testid="${testId}"][data-drawn="client"]`);
  const paths = box.locator('.chart svg path');
  const marks = await paths.evaluateAll((els) =>
    els.flatMap((e, i) => {
      const r = e.getBoundingClientRect();
      // Marks, not axis lines.
      return r.width > 2 && r.height > 2 ? [i] : [];
    }),
  );
  const tip = box.locator('.chart-tip');
  let last = '';
  for (const i of marks.slice(0, limit)) {
    // hover() scrolls the mark into view first; a chart below the fold gets no mouse events.
    await paths.nth(i).hover({ force: true, timeout: 2000 });
    // echarts fills the tooltip on its next frame.
    for (let k = 0; k < 5; k++) {
      const shown = (await tip.count()) ? await tip.first().innerText() : '';
      if (shown.includes(text)) return shown;
      if (shown && shown !== last) {
        last = shown;
        break;
      }
      await page.waitForTimeout(40);
    }
  }
  return null;
}

describe('a hostile department name (finding 1: stored XSS)', () => {
  it('shows as text in the ranking chart’s tooltip and creates no element', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(GROUP)}`);
    const tip = await hoverUntilTooltip(page, 'ranking-chart', HOSTILE);
    // First what matters: no element came of it (on today's main the point tooltip made an <img> and ran it).
    expect(await injected(page)).toEqual({ img: 0, bold: 0, ran: 0 });
    expect(tip).toContain(HOSTILE);
    // The table shows it as text too.
    await expect(page.getByTestId('ranking-table').innerText()).resolves.toContain(HOSTILE);
    await screenshot(page, 'security-hostile-name-rankings', false);
    expect(errors).toEqual([]);
  });

  it('shows as text in the indicator page’s point tooltip (where today’s main ran it) and creates no element', async () => {
    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021/indicators/budget_adjustment?group=${encodeURIComponent(GROUP)}`);
    const tip = await hoverUntilTooltip(page, 'indicator-chart', HOSTILE);
    // First what matters: no element came of it (on today's main the point tooltip made an <img> and ran it).
    expect(await injected(page)).toEqual({ img: 0, bold: 0, ran: 0 });
    expect(tip).toContain(HOSTILE);
    await screenshot(page, 'security-hostile-name-indicator', false);
    expect(errors).toEqual([]);
  });

  it('creates no element on any other chart or page that shows it', async () => {
    const { page, errors } = await openPage(browser);
    for (const path of [
      `/rounds/2021/indicators/duty_completion?group=${encodeURIComponent(GROUP)}`,
      `/rounds/2021/indicators?group=${encodeURIComponent(GROUP)}`,
      `/rounds/2021/policies?group=${encodeURIComponent(GROUP)}`,
      `/rounds/2021/departments/${CODE}`,
      `/rounds/2021/departments/${CODE}/whatif`,
      `/rounds/2021/review/${CODE}`,
      '/admin/audit',
    ]) {
      await visit(page, path);
      for (const chart of ['indicator-chart', 'level2-chart', 'history-chart', 'slope-chart']) {
        if (await page.getByTestId(chart).count()) await hoverUntilTooltip(page, chart, '\u0000never', 15);
      }
      expect(await injected(page), path).toEqual({ img: 0, bold: 0, ran: 0 });
    }
    expect(errors).toEqual([]);
  });

  it('arrives in the server’s HTML escaped, including the server-drawn chart', async () => {
    const r = await request(`/rounds/2021?group=${encodeURIComponent(GROUP)}`, { cookie: await sessionOf('admin') });
    expect(r.body).not.toContain('<img src=x');
    expect(r.body).toContain('&lt;img src=x');
  });
});

describe('a formula in a department name (finding 4: CSV injection)', () => {
  it('is exported to CSV behind a quote, so a spreadsheet shows it as text', async () => {
    const r = await request('/rounds/2021/export?format=csv', { cookie: await sessionOf('admin') });
    expect(r.status).toBe(200);
    const line = r.body.split('\r\n').find((l) => l.includes(CODE))!;
    expect(line).toContain(`,"'=HYPERLINK(""http://evil.example"")`);
    expect(line).not.toMatch(/,"?=/);
  });
});

describe('the Content-Security-Policy in the browser (finding 8)', () => {
  it('keeps another page from framing the admin pages', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/account');
    const framed = await page.evaluate(async (src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.appendChild(f);
      await new Promise((r) => setTimeout(r, 1500));
      try {
        // Blocked: the frame holds Chromium's error page, which this origin cannot read or holds nothing of ours.
        return f.contentDocument?.querySelector('[data-testid="user-list"]') ? 'framed' : 'blocked';
      } catch {
        return 'blocked';
      }
    }, `${baseURL()}/admin/users`);
    expect(framed).toBe('blocked');
    // The refusal is itself reported as a violation; that one is expected here.
    const seen = cspViolations.splice(0);
    expect(seen.some((v) => v.includes('frame-ancestors'))).toBe(true);
  });

  it('refuses an inline event handler, the way injected markup would run script', async () => {
    const { page } = await openPage(browser);
    await visit(page, '/account');
    const ran = await page.evaluate(async () => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = 1">';
      document.body.appendChild(div);
      await new Promise((r) => setTimeout(r, 500));
      return (window as unknown as { __injected?: number }).__injected ?? 0;
    });
    expect(ran).toBe(0);
    expect(cspViolations.splice(0).some((v) => v.includes('script-src'))).toBe(true);
  });
});

describe('the login form during a flood (finding 7)', () => {
  it('shows the server’s 429 as a message to wait, not an error page', async () => {
    const { page } = await openPage(browser, { as: null });
    await visit(page, '/login');
    // The answer the server gives while its password queue is full, for this one request.
    await page.route('**/login', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 429, contentType: 'text/plain; charset=utf-8', body: '登录请求过多，服务器正忙，请稍后再试' }) : route.continue(),
    );
    await page.getByLabel('用户名').fill('leader');
    await page.getByLabel('密码').fill('demo-lingdao-2021');
    await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('login-form').getByRole('alert').innerText()).resolves.toBe('登录请求过多，服务器正忙，请稍等几秒再试');
    await page.unroute('**/login');
    // React empties a form after its action; the user types again.
    await page.getByLabel('用户名').fill('leader');
    await page.getByLabel('密码').fill('demo-lingdao-2021');
    await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
});

describe('an upload with thousands of problems (finding 3, issue 9 §5)', () => {
  it('lists the first 200 and says how many more there are', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-bad-')), 'bad.csv');
    fs.writeFileSync(file, badRowsCsv(2000, tableColumns(expected.system).map((c) => c.key)));
    const { page } = await openPage(browser);
    await visit(page, '/rounds/2021');
    await page.locator('[data-testid="upload"] input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByTestId('upload-more').waitFor();
    expect(await page.locator('[data-testid="upload-problems"] tbody tr').count()).toBe(200);
    await expect(page.getByTestId('upload-more').innerText()).resolves.toMatch(/^以上只列出前 200 个问题，还有 [\d,]+ 个问题未列出。$/);
    await page.getByTestId('upload-more').scrollIntoViewIfNeeded();
    await screenshot(page, 'security-upload-problem-cap', false);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
