import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { toCsv } from '@/lib/interchange/csv';
import { departmentToRow, tableColumns } from '@/lib/interchange/table';
import { cohortToJson } from '@/lib/scoring';
import { expectedRound, launch, openPage, screenshot, tableRows, visit } from './helpers';

let browser: Browser;
let expected: RoundScores;
let dir: string;

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-upload-'));
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web upload on the rankings page', () => {
  it('rejects a file with a malformed number and a missing column in one pass, naming cell and Chinese header, and changes nothing', async () => {
    const columns = tableColumns(expected.system).filter((c) => c.key !== 'payment_target');
    const d = expected.departments[0]!;
    const row = departmentToRow(d);
    row.budget = '18.8841.4';
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, toCsv(columns.map((c) => c.key), [columns.map((c) => row[c.key] ?? '')]));
    const budgetColumn = String.fromCharCode(65 + columns.findIndex((c) => c.key === 'budget'));

    const { page, errors } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(d.group)}`);
    const before = await tableRows(page, 'ranking-table');
    await page.locator('[data-testid="upload"] input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '上传并导入' }).click();
    const problems = page.getByTestId('upload-problems');
    await problems.waitFor();
    const rows = await tableRows(page, 'upload-problems');
    // Columns: sheet, row, column, department, field (Chinese header, then the key in grey), message.
    expect(rows).toEqual([
      ['', '', '', '', '年度任务数（万元） payment_target', '缺少“年度任务数（万元）”这一列（列键“payment_target”）'],
      ['', '2', budgetColumn, d.code, '预算数（万元） budget', expect.stringContaining('18.8841.4')],
    ]);
    await screenshot(page, 'upload-problems');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await tableRows(page, 'ranking-table')).toEqual(before);
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });

  it('imports a valid file, reports success and keeps the ranking when the figures are unchanged', async () => {
    const d = expected.departments.find((x) => x.code === 'xiaolvzhai')!;
    const file = path.join(dir, 'one.json');
    fs.writeFileSync(file, JSON.stringify(cohortToJson({ system: expected.system.id, round: { name: expected.round.name, year: expected.round.year }, departments: [d] })));

    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(d.group)}`);
    const before = await tableRows(page, 'ranking-table');
    await page.locator('[data-testid="upload"] input[type=file]').setInputFiles(file);
    await expect(page.locator('.file-name').innerText()).resolves.toBe('one.json');
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('.status-ok').waitFor();
    await expect(page.locator('.status-ok').innerText()).resolves.toContain('导入成功：1 个单位（新增 0 个）');
    await expect.poll(() => tableRows(page, 'ranking-table')).toEqual(before);
  });
});
