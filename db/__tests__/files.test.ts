import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/interchange/csv';
import { departmentToRow, tableColumns } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { formatProblem, parseCohort, scoresToJson, type Department } from '@/lib/scoring';
import { importFile } from '../import-file';
import { getRoundScores } from '../queries';
import { databaseState, expectOk, mixedCohort, scoresOfFile, system } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';
import ExcelJS from 'exceljs';

const file = mixedCohort(40, 11);
const parsed = parseCohort(file, system);
if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
const departments: Department[] = parsed.cohort.departments;
const round = { slug: 'x', name: file.round.name, year: file.round.year };

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (roundSlug: string, fileName: string, buffer: Buffer, system?: string, year?: number) =>
    importFile({ roundSlug, fileName, buffer, actor: 'uploader', ...(system ? { system } : {}), ...(year ? { year } : {}) }, t.db);

  describe('importing table files', () => {
    it('a cohort file and its xlsx template round trip give identical scores', async () => {
      const xlsx = await buildTemplate(system, round, departments.map((d) => departmentToRow(d)));
      const r = await upload('r-xlsx', 'filled.xlsx', xlsx, 'julu-2021', 2021);
      expectOk(r);
      expect(r.departments).toBe(41);
      const stored = await getRoundScores('r-xlsx', {}, t.db);
      expect(scoresToJson(stored!.scores, { explain: true })).toEqual(scoresOfFile(file));
    });

    it('a CSV of the table form gives identical scores too', async () => {
      const keys = tableColumns(system).map((c) => c.key);
      const csv = toCsv(keys, departments.map((d) => departmentToRow(d)).map((row) => keys.map((k) => row[k] ?? '')));
      expectOk(await upload('r-csv', 'filled.csv', Buffer.from(csv, 'utf8'), 'julu-2021', 2021));
      const stored = await getRoundScores('r-csv', {}, t.db);
      expect(scoresToJson(stored!.scores, { explain: true })).toEqual(scoresOfFile(file));
    });

    it('a bad xlsx cell is reported by sheet, row and column, and nothing is stored', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await buildTemplate(system, round, departments.map((d) => departmentToRow(d)))) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('填报')!;
      const col = tableColumns(system).findIndex((c) => c.key === 'payments') + 1;
      ws.getCell(7, col).value = '一千二';
      const before = await databaseState(t.db);
      const r = await upload('r-xlsx', 'bad.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems).toEqual([expect.objectContaining({ sheet: '填报', row: 7, column: ws.getColumn(col).letter, department: departments[4]!.code })]);
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('an unknown file type or broken JSON is refused with a plain message', async () => {
      expect(await upload('r-xlsx', 'data.xls', Buffer.from('x'))).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('.xlsx') }] });
      expect(await upload('r-xlsx', 'data.json', Buffer.from('{"format": '))).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('JSON 格式错误') }] });
    });

    it('a table file into a new round needs a year unless the round is named by one', async () => {
      const xlsx = await buildTemplate(system, round, departments.slice(0, 3).map((d) => departmentToRow(d)));
      expect(await upload('spring', 'a.xlsx', xlsx, 'julu-2021')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('--year') }] });
      const r = await upload('2024', 'a.xlsx', xlsx, 'julu-2021');
      expectOk(r);
      expect((await getRoundScores('2024', {}, t.db))!.round).toMatchObject({ year: 2024, name: '2024年度部门整体支出绩效评价' });
    });
  });
});
