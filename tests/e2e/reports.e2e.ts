import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfPageSizes, pdfText, squeeze } from '@/tests/pdf/extract';
import { request, sessionOf } from './auth-http';
import { baseURL, launch, openPage, screenshot, tableCells, visit } from './helpers';

/**
 * The printed reports, as their readers get them (issue 12): a leader downloads the round's 通报
 * and a department its own 评分表 from the page's buttons; the PDFs hold the page's numbers as
 * Chinese text drawn with the bundled font. Also: who may download what, and printing the pages.
 */

/** The demo rounds: 2020 is published (its figures frozen) and the first; 2021 is in progress and compares with 2020 (较上年). */
const ROUND = '2021';
const ROUNDS = ['2020', '2021'];
const PUBLISHED = '2020';

/** A published round's documents carry the publication date; a round in progress says it is not published. */
function expectHead(text: string, round: string) {
  if (round === PUBLISHED) {
    expect(text).toMatch(/发布日期：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).not.toContain('未发布');
  } else expect(text).toContain('未发布');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), bytes: new Uint8Array(Buffer.concat(chunks)) };
}

describe('the 通报 a leader downloads', () => {
  it.each(ROUNDS)('of %s holds every group’s ranking as the page shows it: rank, unit, total, subtotals, grade and change', async (round) => {
    const { page, errors } = await openPage(browser, { as: 'leader' });
    const shown = new Map<string, Record<string, string>[]>();
    for (const group of ['乡镇', '县直部门']) {
      await visit(page, `/rounds/${round}?group=${encodeURIComponent(group)}`);
      shown.set(group, await tableCells(page, 'ranking-table'));
    }
    const { name, bytes } = await download(page, 'pdf-bulletin');
    expect(name).toMatch(/\.pdf$/);
    const fonts = pdfFonts(bytes);
    expect(fonts.allEmbedded).toBe(true);
    for (const f of fonts.names) expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC/);
    const text = (await pdfText(bytes)).join('\n');
    expect(text).toContain('部门整体支出绩效评价结果通报');
    expectHead(text, round);
    const flat = squeeze(text);
    for (const [group, rows] of shown) {
      expect(text).toContain(`${group}（${rows.length} 个单位）`);
      let at = 0;
      for (const r of rows) {
        const subtotals = Object.keys(r).filter((k) => k.startsWith('l1.')).map((k) => r[k]);
        expect(subtotals).toHaveLength(4);
        // The 通报's columns: rank, unit, total, subtotals, grade, and 较上年 when there is a previous round.
        const change = 'changeRank' in r ? ` ${r.changeRank} ${r.changeTotal}` : '';
        const line = `${r.rank!.replace('并列', ' 并列')} ${r.name} ${r.total!.replace('待评议', '')} ${subtotals.join(' ')} ${r.grade}${change}`;
        // Compared without white space: a cell's text may wrap in the PDF.
        const found = flat.indexOf(squeeze(line), at);
        expect(found, line).toBeGreaterThanOrEqual(at);
        at = found;
      }
    }
    expect(errors).toEqual([]);
  });

  it('is refused to a department, which gets its own 评分表 only', async () => {
    const cookie = await sessionOf('department');
    expect((await request(`/rounds/${ROUND}/report/bulletin`, { cookie })).status).toBe(403);
    expect((await request(`/rounds/${ROUND}/report/scorecards`, { cookie })).status).toBe(403);
    const other = await request(`/rounds/${ROUND}/departments/demo-guanting/scorecard`, { cookie });
    expect(other.status).toBe(403);
    expect(other.body).not.toContain('官亭');
  });
});

describe('the 评分表 a department downloads', () => {
  it.each(ROUNDS)('of %s holds its own page’s figures: every indicator’s score, the total, the grade and the rank', async (round) => {
    const { page, errors } = await openPage(browser, { as: 'department' });
    await visit(page, `/rounds/${round}/departments/xiaolvzhai`);
    // A total awaiting evaluation is a range with 待评议 beside it; the PDF has the range.
    const total = (await page.getByTestId('department-total').innerText()).replace('待评议', '').trim();
    const grade = await page.getByTestId('department-grade').innerText();
    const leaves = await page.$$eval('[data-testid="score-tree"] tr.leaf', (trs) =>
      trs.map((tr) => ({ name: tr.querySelector('th')!.textContent!.trim(), score: tr.querySelector('td:nth-of-type(5)')!.textContent!.trim() })),
    );
    expect(leaves.length).toBeGreaterThan(20);
    const { name, bytes } = await download(page, 'pdf-scorecard');
    expect(name).toMatch(/\.pdf$/);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const pages = await pdfText(bytes);
    const all = squeeze(pages.join(''));
    expectHead(pages.join(''), round);
    expect(all).toContain(squeeze(`单位名称：小吕寨镇人民政府`));
    expect(all).toContain(squeeze(`评价等级：${grade}　总分：${total}`));
    // In the table each indicator's name is followed, a few cells on, by its score.
    let at = 0;
    for (const l of leaves) {
      const found = all.indexOf(squeeze(l.name), at);
      expect(found, l.name).toBeGreaterThanOrEqual(at);
      const next = all.indexOf(l.score, found);
      expect(next, `${l.name} ${l.score}`).toBeGreaterThan(found);
      at = found;
    }
    for (const s of ['评价人：', '复核人：', '（盖章）', '自评与评价', '薄弱指标及满分要求']) expect(all).toContain(squeeze(s));
    expect(errors).toEqual([]);
  });
});

describe('every 评分表 of the round', () => {
  it('comes as a zip of one PDF per department', async () => {
    const r = await fetch(`${baseURL()}/rounds/${ROUND}/report/scorecards?format=zip`, { headers: { cookie: await sessionOf('leader') } });
    expect(r.status).toBe(200);
    const zip = await JSZip.loadAsync(await r.arrayBuffer());
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(21);
    const seed = names.find((n) => n.includes('xiaolvzhai'))!;
    expect(seed).toMatch(/^乡镇-\d{3}-xiaolvzhai-小吕寨镇人民政府\.pdf$/);
    const text = squeeze((await pdfText(await zip.file(seed)!.async('uint8array'))).join(''));
    expect(text).toContain(squeeze('单位名称：小吕寨镇人民政府'));
  });
});

describe('printing the pages', () => {
  it.each([
    ['rankings', `/rounds/${ROUND}`],
    ['评分表', `/rounds/${ROUND}/departments/xiaolvzhai`],
    ['indicator', `/rounds/${ROUND}/indicators/budget_adjustment`],
  ])('the %s page prints without navigation, buttons or forms', async (_name, path) => {
    const { page } = await openPage(browser);
    await visit(page, path);
    await page.emulateMedia({ media: 'print' });
    // A sortable column's name sits in its sort button: it prints as header text, not as a button.
    const visible = await page.$$eval('header.app-header, nav.tabs, button:not(.sort-button), .button, select, input, .pager, .sort-icon', (els) =>
      els.filter((e) => getComputedStyle(e).display !== 'none' && (e as HTMLElement).offsetParent !== null).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(visible).toEqual([]);
    await screenshot(page, `print-${path.split('/').pop()}`);
  });

  it('prints tables whole, their header row on every page, the rankings on landscape A4', async () => {
    const { page } = await openPage(browser);
    await visit(page, `/rounds/${ROUND}?group=${encodeURIComponent('乡镇')}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('[data-testid="ranking-table"] thead', (e) => getComputedStyle(e).display)).toBe('table-header-group');
    expect(await page.$eval('[data-testid="ranking-table"] thead', (e) => getComputedStyle(e).position)).toBe('static');
    // Every column is named in print: the sort buttons' labels stay, as text.
    const names = await page.$$eval('[data-testid="ranking-table"] thead th', (ths) => ths.filter((th) => (th as HTMLElement).offsetParent !== null && (th as HTMLElement).innerText.trim() !== '').map((th) => (th as HTMLElement).innerText.trim().replace(/\s+/g, ' ')));
    for (const n of ['排名', '单位', '总分', '等级', '名次变化', '总分变化', '得分率']) expect(names).toContain(n);
    expect(await page.$eval('[data-testid="ranking-table"]', (e) => getComputedStyle(e.closest('.table-scroll')!).overflow)).toBe('visible');
    const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true }));
    expect((await pdfPageSizes(pdf))[0]).toEqual([842, 595]);
    expect((await pdfText(pdf))[0]).toContain('得分排名');
  });
});

describe('the bureau names itself', () => {
  it('on its page; the name heads the reports', async () => {
    const { page, errors } = await openPage(browser, { as: 'admin' });
    await visit(page, '/admin/units');
    await page.getByTestId('bureau-name').fill('巨鹿县财政局');
    await page.getByTestId('bureau-name-form').locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('bureau-name-form').innerText()).toContain('巨鹿县财政局');
    await screenshot(page, 'admin-units');
    const res = await fetch(`${baseURL()}/rounds/${ROUND}/departments/xiaolvzhai/scorecard`, { headers: { cookie: await sessionOf('admin') } });
    expect(res.status).toBe(200);
    const [first] = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(first!.trimStart().startsWith('巨鹿县财政局')).toBe(true);
    expect(errors).toEqual([]);
  });
});
