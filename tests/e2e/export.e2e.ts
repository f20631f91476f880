import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundScores } from '@/db/queries';
import { fmtScore, indexSystem } from '@/lib/scoring';
import { baseURL, expectedRound, launch, openPage, tableRows, visit } from './helpers';
import { authedFetch } from './auth-http';

let browser: Browser;
let expected: RoundScores;

beforeAll(async () => {
  [browser, expected] = await Promise.all([launch(), expectedRound('2021')]);
});
afterAll(async () => {
  await browser?.close();
});

const cellText = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v.toFixed(2) : String(v ?? ''));

describe('exports', () => {
  it('downloads an xlsx whose 汇总, 明细 and 指标 sheets hold the same numbers as the page, and the inputs scored', async () => {
    const group = '乡镇';
    const { page } = await openPage(browser);
    await visit(page, `/rounds/2021?group=${encodeURIComponent(group)}`);
    const shown = await tableRows(page, 'ranking-table');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '指标', '填报', '说明']);

    const summary = wb.getWorksheet('汇总')!;
    const rows: string[][] = [];
    summary.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText));
    });
    // 汇总 columns: 分组, 排名 (k / n), 并列, 代码, 名称, 总分, 评价等级, then each level-1 subtotal and its rate, …
    // (page columns: rank, name, total, rank range, grade, 较上年 ×2, then subtotal and rate per level-1)
    // A unit awaiting evaluation shows its range on the page; the sheet has the total (and, after the self-score, the upper end).
    expect(rows.map((r) => [r[4], r[1], r[5], r[6]])).toEqual(shown.map((r) => [r[1], r[0]!.replace('并列', ''), r[2]!.replace(/–.*$/, ''), r[4]!.replace('（暂定）', '')]));
    expect(rows.map((r) => [r[7], r[9], r[11], r[13]])).toEqual(shown.map((r) => [r[7], r[9], r[11], r[13]]));
    const header = (summary.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(-3)).toEqual(['较上年·名次', '较上年·名次变化', '较上年·总分变化']);
    // Trailing empty cells are not in a row's values: read by the column's place.
    const change = header.indexOf('较上年·名次');
    expect(rows.map((r) => r[change])).toEqual(shown.map((r) => r[5]));

    // 明细: a row per department and leaf, in rank order, with its score.
    const leaves = indexSystem(expected.system).leaves;
    const detail = wb.getWorksheet('明细')!;
    const members = expected.scores.departments.filter((d) => d.group === group);
    expect(detail.actualRowCount - 1).toBe(members.length * leaves.length);
    members.forEach((d, i) =>
      leaves.forEach(({ leaf }, k) => {
        const values = (detail.getRow(2 + i * leaves.length + k).values as ExcelJS.CellValue[]).slice(1);
        expect([values[1], values[3], values[6], cellText(values[11])]).toEqual([d.code, d.grade, leaf.code, fmtScore(d.indicators[leaf.code]!.score)]);
      }),
    );
    // 填报: the group's inputs in the template's form, codes in the key row.
    const fill = wb.getWorksheet('填报')!;
    expect(fill.getRow(2).getCell(1).value).toBe('code');
    const codes: string[] = [];
    fill.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value) codes.push(String(row.getCell(1).value));
    });
    expect(codes.sort()).toEqual(members.map((d) => d.code).sort());

    const indicators = wb.getWorksheet('指标')!;
    expect(indicators.actualRowCount - 1).toBe(leaves.length);
    expect((indicators.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(expect.arrayContaining(['得分最小值', '得分最大值', '得分平均值']));
  });

  it('downloads a CSV in UTF-8 with a byte-order mark, so Excel reads the Chinese', async () => {
    const res = await authedFetch(`${baseURL()}/rounds/2021/export?format=csv&group=${encodeURIComponent('县直部门')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).toContain('单位名称');
    const members = expected.scores.departments.filter((d) => d.group === '县直部门');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(members.map((d) => d.code));
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(members.map((d) => fmtScore(d.total)));
  });

  it('refuses an unknown export format with a message', async () => {
    const res = await authedFetch(`${baseURL()}/rounds/2021/export?format=pdf`);
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toHaveProperty('error');
  });
});
