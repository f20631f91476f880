import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCohorts } from '@/lib/demo/cohorts';
import { departmentToRow } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { builtinSystem, indexSystem, parseCohort, type Department } from '@/lib/scoring';
import { DEMO } from './auth-http';
import { baseURL, launch, screenshot, tableRows } from './helpers';

/**
 * The whole evaluation year in Chromium, as new users would run it: the bureau sets up round 2022
 * from 2021's departments and creates their accounts; a department downloads the template, fills
 * in the web form and submits with self-scores; two reviewers score it; the bureau imports the
 * other units, returns one submission, accepts all and publishes; a leader reads the published
 * ranking; the bureau withdraws the publication, changes an evaluation and publishes again, and the
 * first publication's figures are still there. This file runs last (it adds the newest round).
 */

const system = builtinSystem('julu-2021')!;
const leaves = indexSystem(system).leaves.map((l) => l.leaf.code);
const UNIT = 'demo-guanzhai';
const UNIT_NAME = '示例·观寨乡';
const CHANGED = 'demo-dicun';
const CHANGED_NAME = '示例·堤村乡';

let browser: Browser;
let dir: string;
let demo2021: Department[];
/** The department's account, read from the printed list of new accounts. */
let unitLogin = { username: '', password: '' };
let firstTotal = '';

beforeAll(async () => {
  browser = await launch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-year-'));
  const parsed = parseCohort(demoCohorts().cohorts['2021'], system);
  if (!parsed.ok) throw new Error('demo cohort invalid');
  demo2021 = parsed.cohort.departments;
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(username: string, password: string, width = 1400): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${baseURL()}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { page, errors };
}

async function go(page: Page, pathname: string): Promise<void> {
  await page.goto(`${baseURL()}${pathname}`, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
}

/** Fills the department's form from a demo unit's figures, and every self-score. */
async function fillForm(page: Page, d: Department): Promise<void> {
  const row = departmentToRow({ ...d, judgements: {} });
  for (const leaf of leaves) row[`self.${leaf}`] ??= '0';
  row['self.total'] ??= '0';
  for (const [key, value] of Object.entries(row)) {
    const field = page.locator(`[name="v.${key}"]`);
    if ((await field.count()) === 0) continue;
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

describe('a year of evaluation, in the browser', () => {
  it('the bureau creates round 2022 with its groups, copies 2021’s departments and creates their accounts', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn(DEMO.admin.username, DEMO.admin.password);
    await go(page, '/admin/rounds');
    const form = page.getByTestId('new-round-form');
    await form.getByLabel('轮次标识').fill('2022');
    await form.getByLabel('轮次名称').fill('2022年度部门整体支出绩效评价');
    await form.getByLabel('年度').fill('2022');
    await form.getByLabel('填报截止日期').fill('2023-03-31');
    await form.getByLabel('分组').fill('乡镇、县直部门');
    await form.getByLabel('专家分差阈值（分）').fill('2');
    await screenshot(page, 'year-new-round');
    await form.getByRole('button', { name: '新建轮次' }).click();
    await page.getByTestId('go-manage').click();
    await page.waitForURL(/\/rounds\/2022\/manage$/);
    await expect(page.getByTestId('round-status').innerText()).resolves.toBe('填报中');

    await page.getByTestId('enrol-copy-form').locator('select[name=from]').selectOption('2021');
    await page.getByTestId('enrol-copy-form').getByRole('button', { name: '复制单位及分组' }).click();
    await expect(page.getByTestId('enrol-copy-form').getByRole('status').innerText()).resolves.toContain('已登记 21 个单位');
    await page.reload();
    await expect(page.getByTestId('members').innerText()).resolves.toContain(UNIT_NAME);

    await page.getByTestId('accounts-form').getByRole('button', { name: '为缺少账号的单位新建账号' }).click();
    const list = page.getByTestId('new-accounts');
    await list.waitFor();
    const rows = await tableRows(page, 'new-accounts');
    const mine = rows.find((r) => r[0]!.includes(UNIT));
    expect(mine).toBeDefined();
    unitLogin = { username: mine![1]!, password: mine![2]! };
    expect(unitLogin.username).toBe(UNIT);
    expect(unitLogin.password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    await screenshot(page, 'year-accounts');
    // Shown once: after a reload the passwords are gone.
    await page.reload();
    expect(await page.getByTestId('new-accounts').count()).toBe(0);

    // Two reviewers for the unit.
    for (const reviewer of ['pingshen1', 'pingshen2']) {
      const assign = page.getByTestId('assign-form');
      await assign.locator('select[name=reviewer]').selectOption(reviewer);
      await assign.getByTestId('assign-list').locator(`input[value="${UNIT}"]`).check();
      await assign.getByRole('button', { name: '保存指派' }).click();
      await expect(assign.getByRole('status').innerText()).resolves.toContain(`已指派 ${reviewer}`);
      await page.reload();
    }
    await expect(page.getByTestId('reviewer-assignments').innerText()).resolves.toContain(`pingshen2：${UNIT_NAME}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'year-manage', false);
    expect(errors).toEqual([]);
  });

  it('the department downloads the template, fills in the web form and submits with self-scores', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn(unitLogin.username, unitLogin.password);
    await page.waitForURL(/\/rounds\/2022\/submission$/);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.getByTestId('round-status').innerText()).resolves.toBe('填报中');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    const file = path.join(dir, 'template.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('填报')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('code');
    expect(sheet.getRow(3).getCell(1).value).toBe(UNIT);
    // Its own row only: no other unit in its template.
    expect(sheet.getRow(4).getCell(1).value ?? null).toBeNull();

    // The form has no evaluator score to set: judgement leaves take a self-score only.
    expect(await page.locator('[name="v.duty_completion"]').count()).toBe(0);
    await fillForm(page, demo2021.find((d) => d.code === UNIT)!);
    await screenshot(page, 'year-submission');
    await page.getByTestId('submit').click();
    await page.getByTestId('submission-result').locator('.auth-ok').waitFor();
    await page.getByTestId('submission-status').filter({ hasText: '已提交' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the bureau imports the other units’ files: their evaluator columns are the bureau’s evaluation', { timeout: 120_000 }, async () => {
    const { page } = await signIn(DEMO.admin.username, DEMO.admin.password);
    const others = demo2021.filter((d) => d.code !== UNIT).map((d) => departmentToRow(d));
    const file = path.join(dir, 'others.xlsx');
    fs.writeFileSync(file, await buildTemplate(system, { slug: '2022', name: '2022年度部门整体支出绩效评价', year: 2022 }, others));
    await go(page, '/rounds/2022');
    await page.locator('[data-testid="upload"] input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('.status-ok').waitFor();
    await expect(page.locator('.status-ok').innerText()).resolves.toContain('导入成功：20 个单位');
    // The unit with reviewers still waits for them: 待评议, a range, and the ranking is 暂定.
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByTestId('provisional-note').isVisible()).resolves.toBe(true);
    const row = (await tableRows(page, 'ranking-table')).find((r) => r[1] === UNIT_NAME)!;
    expect(row[2]).toMatch(/^\d+\.\d{2}–\d+\.\d{2}待评议$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'year-provisional', false);
  });

  it('two reviewers score the unit, each with a comment, and see only their units', { timeout: 120_000 }, async () => {
    const scores = { pingshen1: ['9', '4', '4.5', '4'], pingshen2: ['8', '4.5', '4', '3.5'] } as const;
    for (const [reviewer, password] of [
      ['pingshen1', DEMO.reviewer.password],
      ['pingshen2', 'demo-pingshen-2022'],
    ] as const) {
      const { page, errors } = await signIn(reviewer, password);
      await page.waitForURL(/\/rounds\/2022\/evaluate$/);
      await expect(page.getByTestId('reviewer-units').innerText()).resolves.toContain(UNIT_NAME);
      expect((await page.goto(`${baseURL()}/rounds/2022`))!.status()).toBe(404);
      await go(page, `/rounds/2022/evaluate/${UNIT}`);
      const form = page.getByTestId('reviewer-form');
      for (const [i, leaf] of ['duty_completion', 'economic_benefit', 'social_benefit', 'ecological_benefit'].entries()) {
        await form.locator(`input[name="score.${leaf}"]`).fill(scores[reviewer][i]!);
        await form.locator(`input[name="comment.${leaf}"]`).fill(`${reviewer} 按评价要点评分`);
      }
      if (reviewer === 'pingshen1') await screenshot(page, 'year-reviewer', false);
      await form.getByRole('button', { name: '保存评分' }).click();
      await expect(form.getByRole('status').innerText()).resolves.toBe('已保存 4 项评分');
      expect(errors).toEqual([]);
    }
  });

  it('the bureau closes collection, returns one submission, accepts all after the fix, and publishes', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn(DEMO.admin.username, DEMO.admin.password);
    const asked: string[] = [];
    page.on('dialog', (d) => void asked.push(d.message()));
    await go(page, '/rounds/2022/manage');
    // Publishing needs review first, then everything accepted: it says what is missing.
    await page.getByTestId('close-collection-form').getByRole('button', { name: '结束填报，进入评审' }).click();
    // The page follows the new status: the step is done when the badge says so.
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();
    // Closing asked first; from now on the pages say only returns and evaluations can still move scores.
    expect(asked).toEqual([expect.stringContaining('结束填报')]);
    await expect(page.getByTestId('relative-note').innerText()).resolves.toContain('填报已截止');
    await page.getByTestId('publish-form').getByRole('button', { name: '发布结果' }).click();
    await page.getByTestId('publish-missing').waitFor();
    await expect(page.getByTestId('publish-missing').innerText()).resolves.toContain(UNIT_NAME);
    await screenshot(page, 'year-publish-missing');

    // The panel's combined scores and spread, on the review page.
    await go(page, `/rounds/2022/review/${UNIT}`);
    const table = await page.getByTestId('evaluation-table').innerText();
    expect(table).toContain('8.50'); // (9 + 8) / 2
    expect(table).toContain('3.75'); // (4 + 3.5) / 2
    await page.getByTestId('return-form').locator('textarea').fill('请补充项目质量验收材料');
    await page.getByTestId('return-form').getByRole('button', { name: '退回修改' }).click();
    await page.getByTestId('submission-status').filter({ hasText: '已退回' }).waitFor();

    const dept = (await signIn(unitLogin.username, unitLogin.password)).page;
    await go(dept, '/rounds/2022/submission');
    await expect(dept.getByTestId('bureau-comment').innerText()).resolves.toContain('请补充项目质量验收材料');
    await dept.getByTestId('submit').click();
    await dept.getByTestId('submission-result').locator('.auth-ok').waitFor();

    await go(page, '/rounds/2022/review');
    await page.getByTestId('accept-all-form').getByRole('button').click();
    await expect(page.getByTestId('accept-all-form').getByRole('status').innerText()).resolves.toBe('已接受 21 份填报');
    await go(page, '/rounds/2022/manage');
    await page.getByTestId('publish-form').getByRole('button', { name: '发布结果' }).click();
    await page.getByTestId('round-status').filter({ hasText: '已发布' }).waitFor();
    await expect(page.getByTestId('published-banner').innerText()).resolves.toMatch(/^已发布 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 成绩已冻结/);
    // Frozen: nothing on the page says the scores may still change. Publishing and accepting all asked first.
    await expect(page.getByTestId('relative-note').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.not.toMatch(/可能使得分变动/);
    expect(asked.filter((m) => /发布/.test(m)).length).toBeGreaterThanOrEqual(1);
    expect(asked.some((m) => /接受/.test(m))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a leader reads the published ranking', { timeout: 60_000 }, async () => {
    const { page, errors } = await signIn(DEMO.leader.username, DEMO.leader.password);
    await page.waitForURL(/\/rounds\/2022$/);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.getByTestId('published-banner').innerText()).resolves.toContain('成绩已冻结');
    expect(await page.getByTestId('provisional-note').count()).toBe(0);
    const rows = await tableRows(page, 'ranking-table');
    const unit = rows.find((r) => r[1] === UNIT_NAME)!;
    expect(unit[2]).toMatch(/^\d+\.\d{2}$/);
    firstTotal = rows.find((r) => r[1] === CHANGED_NAME)![2]!;
    await screenshot(page, 'year-published');
    expect(errors).toEqual([]);
  });

  it('the bureau withdraws the publication, changes an evaluation and publishes again; the first figures stay retrievable', { timeout: 120_000 }, async () => {
    const { page, errors } = await signIn(DEMO.admin.username, DEMO.admin.password);
    await go(page, '/rounds/2022/manage');
    await page.getByTestId('unpublish-form').locator('input[name=reason]').fill('堤村乡履职材料复核');
    await page.getByTestId('unpublish-form').getByRole('button', { name: '撤回发布' }).click();
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();

    await go(page, `/rounds/2022/review/${CHANGED}`);
    const evaluate = page.getByTestId('bureau-evaluation-form');
    await evaluate.locator('input[name="score.duty_completion"]').fill('5');
    await evaluate.locator('input[name="comment.duty_completion"]').fill('复核后下调');
    await evaluate.getByRole('button', { name: '保存评分' }).click();
    await expect(evaluate.getByRole('status').innerText()).resolves.toBe('已保存 1 项评分');

    await go(page, '/rounds/2022/manage');
    await page.getByTestId('publish-form').getByRole('button', { name: '发布结果' }).click();
    await page.getByTestId('round-status').filter({ hasText: '已发布' }).waitFor();
    await page.reload();
    const pubs = await tableRows(page, 'publications');
    expect(pubs.map((r) => r[0])).toEqual(['第 1 次', '第 2 次']);
    expect(pubs[0]![3]).toContain('堤村乡履职材料复核');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'year-publications', false);

    await go(page, '/rounds/2022');
    const now = (await tableRows(page, 'ranking-table')).find((r) => r[1] === CHANGED_NAME)![2]!;
    expect(Number(now)).toBeLessThan(Number(firstTotal));
    await go(page, '/rounds/2022?publication=1');
    await expect(page.getByTestId('withdrawn-note').innerText()).resolves.toContain('堤村乡履职材料复核');
    const then = (await tableRows(page, 'ranking-table')).find((r) => r[1] === CHANGED_NAME)![2]!;
    expect(then).toBe(firstTotal);
    expect(errors).toEqual([]);
  });

  it('the new pages fit a phone (390 px): nothing scrolls sideways', { timeout: 120_000 }, async () => {
    const admin = (await signIn(DEMO.admin.username, DEMO.admin.password, 390)).page;
    for (const p of ['/admin/rounds', '/rounds/2022/manage', '/rounds/2022/review', `/rounds/2022/review/${UNIT}`]) {
      await go(admin, p);
      await screenshot(admin, `year-phone${p.replace(/[^a-z0-9]+/gi, '-')}`);
      expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), p).toBe(true);
    }
    const reviewer = (await signIn('pingshen1', DEMO.reviewer.password, 390)).page;
    await go(reviewer, `/rounds/2022/evaluate/${UNIT}`);
    await screenshot(reviewer, 'year-phone-evaluate');
    expect(await reviewer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });
});
