import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launch, screenshot } from './helpers';
import { DEMO, login, request } from './auth-http';

/**
 * The bureau in Chromium: adds a department account, reviews that department's submission
 * (evaluates a judgement indicator, returns it, accepts the resubmission), and reads the audit
 * log; the new account changes its password. Round 2021 and the unit 示例·王虎寨镇 are used, so the
 * other suites keep the seeded figures of the seed township.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageAs(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseURL()}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

const ready = (page: Page) => page.evaluate(() => document.fonts.ready);
let generated = '';

describe('the bureau', () => {
  it('adds a department account and is shown its password once', async () => {
    const page = await pageAs(DEMO.admin.username, DEMO.admin.password);
    await page.getByTestId('user-menu').getByRole('link', { name: '用户' }).click();
    await page.waitForURL(/\/admin\/users$/);
    const form = page.getByTestId('new-user-form');
    await form.getByLabel('用户名').fill('wanghuzhai');
    await form.locator('select[name="department"]').selectOption('demo-wanghuzhai');
    await form.getByRole('button', { name: '新增账号' }).click();
    generated = await page.getByTestId('generated-password').innerText();
    expect(generated).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    await expect(page.getByTestId('user-list').innerText()).resolves.toContain('wanghuzhai');
    await ready(page);
    await screenshot(page, 'auth-admin-users');
    // Shown once: a reload does not show it again.
    await page.reload();
    expect(await page.getByTestId('generated-password').count()).toBe(0);
  });

  it('changes an evaluation with a reason, returns the submission, and accepts the resubmission', async () => {
    const admin = await pageAs(DEMO.admin.username, DEMO.admin.password);
    await admin.goto(`${baseURL()}/rounds/2021/review`);
    await ready(admin);
    await screenshot(admin, 'auth-review-list');
    await admin.getByTestId('review-list').getByRole('link', { name: '示例·王虎寨镇' }).click();
    await admin.waitForURL(/\/rounds\/2021\/review\/demo-wanghuzhai$/);

    const evaluate = admin.getByTestId('bureau-evaluation-form');
    await evaluate.locator('input[name="score.duty_completion"]').fill('7.5');
    await evaluate.getByRole('button', { name: '保存评分' }).click();
    await expect(evaluate.getByRole('alert').innerText()).resolves.toContain('须写明理由');
    await evaluate.locator('input[name="comment.duty_completion"]').fill('履职材料缺少年度目标分解');
    await evaluate.getByRole('button', { name: '保存评分' }).click();
    await expect(evaluate.getByRole('status').innerText()).resolves.toBe('已保存 1 项评分');
    await admin.reload();
    await expect(admin.getByTestId('evaluation-table').innerText()).resolves.toContain('履职材料缺少年度目标分解');

    const ret = admin.getByTestId('return-form');
    await ret.getByLabel('退回意见（必填）').fill('请补充政府采购执行情况说明');
    await ret.getByRole('button', { name: '退回修改' }).click();
    await admin.getByTestId('submission-status').filter({ hasText: '已退回' }).waitFor();
    await ready(admin);
    await screenshot(admin, 'auth-review-detail');

    // The department sees why, fixes nothing here, and submits again.
    const dept = await pageAs('wanghuzhai', generated);
    await dept.goto(`${baseURL()}/rounds/2021/submission`);
    await expect(dept.getByTestId('bureau-comment').innerText()).resolves.toContain('请补充政府采购执行情况说明');
    await ready(dept);
    await screenshot(dept, 'auth-submission-returned');
    await dept.getByTestId('submit').click();
    await dept.getByTestId('submission-result').locator('.auth-ok').waitFor();

    await admin.reload();
    await admin.getByTestId('accept-form').getByRole('button', { name: '接受' }).click();
    await admin.getByTestId('submission-status').filter({ hasText: '已接受' }).waitFor();

    await dept.reload();
    await expect(dept.getByTestId('read-only').innerText()).resolves.toContain('财政局已接受');
    expect(await dept.getByTestId('submit').isDisabled()).toBe(true);

    // The seeded evaluation back, so the suites after this one see the demo's 2021 figures.
    await admin.locator('input[name="score.duty_completion"]').fill('10');
    await admin.locator('input[name="comment.duty_completion"]').fill('复核后恢复');
    await admin.getByTestId('bureau-evaluation-form').getByRole('button', { name: '保存评分' }).click();
    await expect(admin.getByTestId('bureau-evaluation-form').getByRole('status').innerText()).resolves.toBe('已保存 1 项评分');
  });

  it('finds every change in the audit log, filtered by action and unit', async () => {
    const page = await pageAs(DEMO.admin.username, DEMO.admin.password);
    await page.goto(`${baseURL()}/admin/audit?department=demo-wanghuzhai`);
    const actions = await page.$$eval('[data-testid="audit-table"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['review.accept', 'submission.submit', 'review.return', 'evaluation.score', 'user.create']));
    await page.getByTestId('audit-filter').locator('select[name=action]').selectOption('evaluation.score');
    await page.getByTestId('audit-filter').getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/action=evaluation\.score/);
    // The change, and (newest first) the restore at the end of the review test.
    const rows = page.locator('[data-testid="audit-table"] tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const row = await rows.nth(1).innerText();
    expect(row).toContain('admin');
    expect(row).toContain('履职材料缺少年度目标分解');
    // A clerk reads the template's header, never the storage key.
    expect(row).toContain('履职完成情况（0–10 分）：10.00');
    expect(row).toContain('履职完成情况（0–10 分）：7.50');
    expect(row).not.toContain('values.');
    await ready(page);
    await screenshot(page, 'auth-audit');
  });
});

describe('an account holder', () => {
  it('changes the password (in English too); the old one stops working and other sessions end', async () => {
    const other = await login('wanghuzhai', generated, { address: '127.60.0.1' });
    expect(other.cookie).not.toBeNull();
    const page = await pageAs('wanghuzhai', generated);
    await page.goto(`${baseURL()}/account`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    const form = page.getByTestId('password-form');
    await form.getByLabel('Current password').fill(generated);
    await form.getByLabel('New password', { exact: true }).fill('spring review 2020');
    await form.getByLabel('New password again').fill('spring review 2020');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('status').innerText()).resolves.toContain('Password changed');
    await ready(page);
    await screenshot(page, 'auth-account-en');
    expect((await request('/account', { cookie: other.cookie })).location).toMatch(/^\/login/);
    expect((await request('/account', { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') })).status).toBe(200);
    expect((await login('wanghuzhai', generated, { address: '127.60.0.2' })).cookie).toBeNull();
    expect((await login('wanghuzhai', 'spring review 2020', { address: '127.60.0.3' })).cookie).not.toBeNull();
  });
});
