import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtinSystem, formatProblem, parseCohort, scoreCohort, scoresToJson, type Department, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { departmentToRow, rowsToCohort, tableColumns } from './table';
import { buildTemplate, FILL_SHEET, HELP_SHEET, readWorkbook } from './xlsx';

const system = builtinSystem('julu-2021') as System;
const round = { slug: '2021', name: '2021年度部门整体支出绩效评价', year: 2021 };

function cohortOf(raw: unknown): Department[] {
  const r = parseCohort(raw, system);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.cohort.departments;
}

const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../lib/demo/xiaolvzhai-2021.json'), 'utf8'));
const synthetic = syntheticCohort(system, 24, { seed: 7 });
const departments = [...cohortOf(seed), ...cohortOf(synthetic)];
const expected = scoresToJson(scoreCohort(system, departments), { explain: true });

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}
async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** Column number of a key in the key row. */
function colOf(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.getRow(2).eachCell((c, n) => {
    if (c.value === key) found = n;
  });
  if (!found) throw new Error(`no column ${key}`);
  return found;
}

async function scoresOfWorkbook(buf: Buffer) {
  const read = await readWorkbook(buf);
  if (!read.ok) throw new Error(read.problems.map(formatProblem).join('\n'));
  const cohort = rowsToCohort(read.source, system, round);
  if (!cohort.ok) throw new Error(cohort.problems.map(formatProblem).join('\n'));
  return scoresToJson(scoreCohort(system, cohort.cohort.departments), { explain: true });
}

describe('xlsx template', () => {
  it('has Chinese headers with units over the machine key row, one row per department given', async () => {
    const buf = await buildTemplate(system, round, [{ code: 'a', name: '示例甲', group: '乡镇' }]);
    const ws = (await load(buf)).getWorksheet(FILL_SHEET)!;
    const columns = tableColumns(system);
    expect(ws.getRow(2).values).toEqual([undefined, ...columns.map((c) => c.key)]);
    expect(ws.getCell(1, colOf(ws, 'budget')).value).toBe('预算数（万元）');
    expect(ws.getCell(3, 1).value).toBe('a');
    expect(ws.getCell(3, 3).value).toBe('乡镇');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('offers 是/否 and grade drop-downs and checks numbers in the cells to fill', async () => {
    const ws = (await load(await buildTemplate(system, round, [{ code: 'a', name: '甲', group: '' }]))).getWorksheet(FILL_SHEET)!;
    const at = (key: string) => ws.getCell(3, colOf(ws, key)).dataValidation;
    expect(at('fund_compliance.8')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(at('satisfaction')).toMatchObject({ type: 'list', formulae: ['"优秀,良好,合格,不合格"'] });
    expect(at('budget')).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(at('staff_authorized')).toMatchObject({ type: 'whole', formulae: [1] });
    expect(at('procurement_budgeted')).toMatchObject({ type: 'whole', formulae: [0] });
    expect(at('economic_benefit')).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 5] });
  });

  it('explains every column on the 说明 sheet with the system definitions', async () => {
    const help = (await load(await buildTemplate(system, round))).getWorksheet(HELP_SHEET)!;
    const text = help.getSheetValues().flat().join('\n');
    expect(text).toContain('机构编制部门核定批复的部门人员编制数');
    expect(text).toContain('不存在虚列支出情况');
    for (const c of tableColumns(system)) expect(text).toContain(c.key);
  });
});

describe('reading a filled template', () => {
  it('a template filled in by hand scores exactly like the cohort file', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => ({ code: d.code, name: d.name, group: d.group }))));
    const ws = wb.getWorksheet(FILL_SHEET)!;
    departments.forEach((d, i) => {
      for (const [key, v] of Object.entries(departmentToRow(d))) {
        // Numbers typed as numbers, answers as text: what a person filling it in produces.
        ws.getCell(3 + i, colOf(ws, key)).value = /^-?\d+(\.\d+)?$/.test(v) && !['code', 'name', 'group'].includes(key) ? Number(v) : v;
      }
    });
    expect(await scoresOfWorkbook(await save(wb))).toEqual(expected);
  });

  it('renamed and reordered Chinese headers still import', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => departmentToRow(d))));
    const ws = wb.getWorksheet(FILL_SHEET)!;
    ws.getCell(1, colOf(ws, 'budget')).value = '年初预算（万元，含追加前）';
    // Move the budget column to the far left, as someone tidying the sheet might.
    const budget = colOf(ws, 'budget');
    const values = ws.getColumn(budget).values.slice(1);
    ws.spliceColumns(budget, 1);
    ws.spliceColumns(1, 0, values as ExcelJS.CellValue[]);
    expect(ws.getCell(2, 1).value).toBe('budget');
    expect(await scoresOfWorkbook(await save(wb))).toEqual(expected);
  });

  it('formula results and rich text are read as the values they show', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => departmentToRow(d))));
    const ws = wb.getWorksheet(FILL_SHEET)!;
    const budget = ws.getCell(3, colOf(ws, 'budget'));
    budget.value = { formula: '1000+49.6', result: 1049.6 } as ExcelJS.CellFormulaValue;
    ws.getCell(3, colOf(ws, 'name')).value = { richText: [{ text: departments[0]!.name.slice(0, 2) }, { text: departments[0]!.name.slice(2), font: { bold: true } }] };
    expect(await scoresOfWorkbook(await save(wb))).toEqual(expected);
  });

  it('a bad cell is reported with its sheet, row and column', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => departmentToRow(d))));
    const ws = wb.getWorksheet(FILL_SHEET)!;
    const col = colOf(ws, 'budget');
    ws.getCell(4, col).value = '18.8841.4';
    ws.getCell(5, colOf(ws, 'disclosure.2')).value = '可能';
    const read = await readWorkbook(await save(wb));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const cohort = rowsToCohort(read.source, system, round);
    expect(cohort.ok).toBe(false);
    if (cohort.ok) return;
    expect(cohort.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: FILL_SHEET, row: 4, column: ws.getColumn(col).letter, department: departments[1]!.code }),
        expect.objectContaining({ sheet: FILL_SHEET, row: 5, column: ws.getColumn(colOf(ws, 'disclosure.2')).letter }),
      ]),
    );
    // What the clerk sees: sheet!cell, the Chinese header with its unit, the department; the key last.
    expect(formatProblem(cohort.problems.find((p) => p.row === 4)!)).toMatch(/^填报![A-Z]+4 预算数（万元） · 单位 \S+：.*18\.8841\.4.*\[budget\]$/);
  });

  it('an Excel error value in a cell is reported, not imported as text', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => departmentToRow(d))));
    const ws = wb.getWorksheet(FILL_SHEET)!;
    ws.getCell(3, colOf(ws, 'payments')).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    const read = await readWorkbook(await save(wb));
    if (!read.ok) throw new Error('the workbook itself is readable');
    expect(read.source.problems).toMatchObject([{ sheet: FILL_SHEET, row: 3, field: 'payments', message: expect.stringContaining('#DIV/0!') }]);
    expect(rowsToCohort(read.source, system, round)).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ row: 3, field: 'payments' })]) });
  });
});

describe('untrusted uploads', () => {
  it('a workbook without a 填报 sheet is refused, naming the sheets it has', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'code';
    const read = await readWorkbook(await save(wb));
    expect(read).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('“Sheet1”') }] });
  });

  it('a file that is not an xlsx is refused with a plain message', async () => {
    const read = await readWorkbook(Buffer.from('code,name\nx,y\n'));
    expect(read).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('不是 xlsx') }] });
  });

  it('a sheet whose key row was deleted is refused, pointing at row 2', async () => {
    const wb = await load(await buildTemplate(system, round, departments.map((d) => departmentToRow(d))));
    wb.getWorksheet(FILL_SHEET)!.spliceRows(2, 1);
    const read = await readWorkbook(await save(wb));
    expect(read).toMatchObject({ ok: false, problems: [{ sheet: FILL_SHEET, row: 2 }] });
  });

  it('a zip that would expand far beyond any template is refused before it is opened', async () => {
    // A central directory claiming a 1 GB entry: the size check must not need to inflate it.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(1 << 30, 24);
    central.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(local.length, 16);
    const read = await readWorkbook(Buffer.concat([local, central, name, eocd]));
    expect(read).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('解压后过大') }] });
  });
});
