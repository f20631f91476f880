import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCohorts } from '@/lib/demo/cohorts';
import { baseURL, launch, screenshot } from './helpers';
import { builtActions, callAction, DEMO, sessionOf } from './auth-http';

/**
 * A department account tried as a new user would, in Chromium: sign in, land on its form, fill it
 * in, submit, look at its scorecard — and see nothing of the other departments unless the round
 * opens its ranking list.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const others = (demoCohorts().cohorts as Record<string, { departments: { code: string; name: string }[] }>)['2021']!.departments.filter((d) => d.code !== 'xiaolvzhai');

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${baseURL()}/`);
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();
}

const text = (page: Page) => page.evaluate(() => document.body.innerText);

describe('a department account, used as a new user would', () => {
  it('signs in, fills in its form, submits it, and sees its own rank and the group’s aggregates only', async () => {
    const { page, errors } = await newPage();
    await signIn(page, DEMO.department.username, 'a-wrong-password');
    await expect(page.locator('.auth-error').innerText()).resolves.toContain('用户名或密码错误');
    await screenshot(page, 'auth-login-error', false);
    await page.getByLabel('密码').fill(DEMO.department.password);
    await page.getByTestId('login-form').getByRole('button', { name: '登录' }).click();

    // The newest round is open, so the department lands on its own form.
    await page.waitForURL(/\/rounds\/2021\/submission$/);
    await page.evaluate(() => document.fonts.ready);
    await expect(page.getByTestId('submission-status').innerText()).resolves.toBe('已提交');
    await screenshot(page, 'auth-submission-form');

    const field = page.locator('input[name="v.staff_actual"]');
    const original = await field.inputValue();
    // A submission needs every self-score: the seed lost five cells, whose values (the engine's own
    // scores, adding up to the seed's self-total of 96) are typed in as a department would.
    const lostCells = async () => {
      for (const [leaf, v] of Object.entries({ staff_control: '1', budget_adjustment: '0', fund_compliance: '8', asset_integrity: '2', economic_benefit: '4' })) {
        await page.locator(`input[name="v.self.${leaf}"]`).fill(v);
      }
    };
    try {
      // A mistake first: the import's own message, next to the field, and nothing saved.
      await field.fill('五十五');
      await page.getByTestId('submit').click();
      // Named by the label the department sees, with its unit (issue 9 §5).
      await expect(page.locator('.problem-list').innerText()).resolves.toContain('在职人员数（人）：在职人员数不是有效的数字');
      expect(await field.inputValue()).toBe('五十五');
      await screenshot(page, 'auth-submission-problem', false);

      await field.fill(String(Number(original) + 1));
      await page.getByTestId('submit').click();
      await expect(page.locator('.problem-list').innerText()).resolves.toContain('提交前请填写自评·经济效益');
      await lostCells();
      await page.getByTestId('submit').click();
      await page.getByTestId('submission-result').locator('.auth-ok').waitFor();
      await expect(page.getByTestId('submission-result').innerText()).resolves.toMatch(/已提交（第 \d+ 版）/);

      // Its scorecard: total, rank and the group's mean, median and best — and no other unit.
      await page.getByRole('link', { name: '本单位评分表' }).first().click();
      await page.waitForURL(/\/rounds\/2021\/departments\/xiaolvzhai$/);
      await page.evaluate(() => document.fonts.ready);
      for (const id of ['department-total', 'group-mean', 'group-median', 'group-best']) {
        await expect(page.getByTestId(id).innerText()).resolves.toMatch(/^\d+\.\d{2}$/);
      }
      const shown = await text(page);
      expect(shown).toContain('排名');
      for (const o of others) expect(shown).not.toContain(o.name);
      expect(await page.getByRole('link', { name: '排名', exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '指标总览' }).count()).toBe(0);
      await screenshot(page, 'auth-department-scorecard');

      // The ranking list is closed in this round: asking for it leads back to its own page.
      await page.goto(`${baseURL()}/rounds/2021`);
      await page.waitForURL(/\/rounds\/2021\/departments\/xiaolvzhai$/);
      expect(errors).toEqual([]);
    } finally {
      // Put the demo figures back so the other suites see the seeded round.
      await page.goto(`${baseURL()}/rounds/2021/submission`);
      await page.locator('input[name="v.staff_actual"]').fill(original);
      await lostCells();
      await page.getByTestId('submit').click();
      await page.getByTestId('submission-result').locator('.auth-ok').waitFor();
    }
  });

  it('sees its own group’s ranking list once the bureau opens it, with only its own row a link', async () => {
    const admin = await sessionOf('admin');
    const toggle = builtActions().find((a) => a.name === 'settingsAction')!;
    // The round page's settings form, as the demo has them, with the ranking opened to departments.
    const settings = { slug: '2021', name: '2021年度部门整体支出绩效评价', deadline: '', panelRule: 'mean', spreadThreshold: '1.00' };
    expect((await callAction(toggle, { ...settings, showRanking: '1' }, { cookie: admin })).result).toMatchObject({ ok: true });
    try {
      const { page } = await newPage();
      await signIn(page, DEMO.department.username, DEMO.department.password);
      await page.waitForURL(/\/submission$/);
      await page.goto(`${baseURL()}/rounds/2021`);
      await page.getByTestId('ranking-table').waitFor();
      await page.evaluate(() => document.fonts.ready);
      const shown = await text(page);
      const township = others.filter((o) => o.code.startsWith('demo-') && shown.includes(o.name));
      expect(township.length).toBeGreaterThan(0);
      // Only its own group (乡镇): no county department appears, and no export or upload is offered.
      expect(shown).not.toContain('示例·县教育局');
      expect(await page.getByTestId('export-xlsx').count()).toBe(0);
      expect(await page.getByTestId('upload').count()).toBe(0);
      const links = await page.$$eval('[data-testid="ranking-table"] tbody a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(['/rounds/2021/departments/xiaolvzhai']);
      await screenshot(page, 'auth-department-ranking-open');
    } finally {
      await callAction(toggle, { ...settings, showRanking: '0' }, { cookie: admin });
    }
  });
});
