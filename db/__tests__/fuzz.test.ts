import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/interchange/csv';
import { departmentToRow, tableColumns } from '@/lib/interchange/table';
import { buildTemplate, FILL_SHEET } from '@/lib/interchange/xlsx';
import { parseCohort, type Problem } from '@/lib/scoring';
import { prng } from '@/lib/synthetic/cohort';
import { main as scoreMain } from '@/scripts/cli/score';
import { runMain } from '@/tests/cli/run';
import { encodeGbk, encodeUtf16 } from '@/tests/interchange/encodings';
import { importFile } from '../import-file';
import { importCohort } from '../import';
import { getRoundCohort } from '../queries';
import { databaseState, expectOk, mixedCohort, system } from './fixtures';
import { openTestDb, type TestDb } from './setup';

/**
 * Seeded fuzzing of the import (the web upload's path) and of `score`, in-process: a few hundred
 * mutated JSON, CSV and xlsx files each. Every file must be refused with located problems and no
 * stack trace, with the database unchanged — or accepted whole — and answered within 30 s.
 * FUZZ_N (per format) and FUZZ_SEED change the run; the counts are printed.
 */

const N = Number(process.env.FUZZ_N ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_610);
const HANG_MS = 30_000;

const doc = mixedCohort(2, 9);
const parsed = parseCohort(doc, system);
if (!parsed.ok) throw new Error('fixture');
const rows = parsed.cohort.departments.map((d) => departmentToRow(d));
const keys = tableColumns(system).map((c) => c.key);
const round = { slug: 'fuzz', name: doc.round.name, year: doc.round.year };

type Rand = () => number;
const pick = <T,>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);

/** Values that have broken parsers before: controls, surrogates, huge and deep things, odd numbers. */
const NASTY = [
  '',
  '\u0000',
  '\ud800',
  '\ufffd',
  '\ufeff',
  '\u202e',
  '\r\n',
  '"',
  '""',
  ',',
  '-0',
  '-1',
  '85.',
  '.5',
  '1e400',
  '1,209.54',
  'NaN',
  'Infinity',
  '0x10',
  '  12  ',
  '是',
  '否',
  'excellent',
  '优秀 ',
  '__proto__',
  'constructor',
  'x'.repeat(70),
  '名'.repeat(300),
  'x'.repeat(200_000),
  '='.concat('cmd|calc'),
  "'); drop table rounds; --",
  '[[[[[[[[[[[[[[[[[[[[[[[[',
  '{'.repeat(5000),
] as const;

function mutateText(rand: Rand, text: string): string {
  const at = int(rand, text.length + 1);
  switch (int(rand, 9)) {
    case 0:
      return text.slice(0, at); // cut short
    case 1: {
      const len = 1 + int(rand, 40);
      return text.slice(0, at) + text.slice(at + len); // a piece missing
    }
    case 2: {
      const len = 1 + int(rand, 200);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at); // a piece twice
    }
    case 3:
      return text.slice(0, at) + pick(rand, NASTY) + text.slice(at);
    case 4: {
      const c = String.fromCharCode(int(rand, 0x3000));
      return text.slice(0, at) + c + text.slice(at + 1);
    }
    case 5: {
      const lines = text.split('\n');
      const i = int(rand, lines.length);
      const j = int(rand, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 6:
      return text.replace(/"[^"]*"|[\w.-]+/g, (m) => (rand() < 0.04 ? JSON.stringify(pick(rand, NASTY)).slice(1, -1) : m));
    case 7:
      return '\ufeff' + text;
    default:
      return text.replace(/\d/g, (d) => (rand() < 0.05 ? String(int(rand, 10)) : d));
  }
}

function encode(rand: Rand, text: string): Buffer {
  const r = rand();
  try {
    if (r < 0.08) return encodeGbk(text);
  } catch {
    // a character GBK lacks: plain UTF-8 then
  }
  if (r < 0.12) return encodeUtf16(text, rand() < 0.5 ? 'le' : 'be', rand() < 0.8);
  const bytes = Buffer.from(text);
  if (r < 0.2 && bytes.length) bytes[int(rand, bytes.length)] = int(rand, 256); // a damaged byte
  return bytes;
}

function jsonInput(rand: Rand): Buffer {
  const value = structuredClone(doc) as Record<string, unknown>;
  const d = (value.departments as Record<string, unknown>[])[int(rand, 3)]!;
  const section = pick(rand, ['inputs', 'checklists', 'grades', 'judgements', 'self_scores', null] as const);
  if (section && typeof d[section] === 'object' && d[section]) {
    const obj = d[section] as Record<string, unknown>;
    const k = pick(rand, Object.keys(obj));
    if (k !== undefined) obj[k] = rand() < 0.5 ? pick(rand, NASTY) : pick(rand, [null, true, -0, 1e308, [], {}, [[[]]]]);
  } else d[pick(rand, ['code', 'name', 'group', 'extra'])] = pick(rand, NASTY);
  let text = JSON.stringify(value, null, rand() < 0.5 ? 2 : undefined);
  const rounds = 1 + int(rand, 3);
  for (let i = 0; i < rounds; i++) if (rand() < 0.6) text = mutateText(rand, text);
  return encode(rand, text);
}

function csvInput(rand: Rand): Buffer {
  const rs = rows.map((r) => ({ ...r }));
  const cellRounds = 1 + int(rand, 3);
  for (let i = 0; i < cellRounds; i++) rs[int(rand, rs.length)]![pick(rand, keys)] = pick(rand, NASTY);
  let ks = keys;
  if (rand() < 0.15) ks = keys.filter((_, i) => i !== int(rand, keys.length));
  if (rand() < 0.1) ks = [...keys, pick(rand, ['', '__proto__', 'code', 'budget_total'])];
  let text = toCsv(ks, rs.map((r) => ks.map((k) => r[k] ?? ''))).slice(1);
  if (rand() < 0.6) text = mutateText(rand, text);
  return encode(rand, text);
}

async function xlsxInput(rand: Rand, template: Buffer): Promise<Buffer> {
  if (rand() < 0.15) {
    const bytes = Buffer.from(template);
    const flips = 1 + int(rand, 8);
    for (let i = 0; i < flips; i++) bytes[int(rand, bytes.length)] = int(rand, 256);
    return rand() < 0.3 ? bytes.subarray(0, int(rand, bytes.length)) : bytes;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FILL_SHEET)!;
  const edits = 1 + int(rand, 4);
  for (let i = 0; i < edits; i++) {
    const row = 2 + int(rand, rows.length + 2);
    const col = 1 + int(rand, keys.length + 1);
    const cell = ws.getCell(row, col);
    switch (int(rand, 7)) {
      case 0:
        cell.value = pick(rand, NASTY);
        break;
      case 1:
        cell.value = pick(rand, [-0, -1, 1e300, 0.1 + 0.2, Number.NaN, 12.5]);
        break;
      case 2:
        cell.value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
        break;
      case 3:
        cell.value = { richText: [{ text: pick(rand, NASTY) }, { text: '是' }] };
        break;
      case 4:
        cell.value = new Date(Date.UTC(2021, int(rand, 12), 1));
        break;
      case 5:
        try {
          ws.mergeCells(row, col, row + int(rand, 2), col + int(rand, 2));
        } catch {
          // overlapping an earlier merge
        }
        break;
      default:
        cell.value = null;
    }
  }
  if (rand() < 0.05) ws.name = '填报表';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Problems about the whole file, which has no smaller place to name. */
const WHOLE_FILE = [
  /^文件是空的$/,
  /^JSON 格式错误，第 \d+ 行第 \d+ 列/,
  /^第 \d+ 行第 \d+ 列：键/,
  /^CSV 格式错误/,
  /^文件似乎是不带 BOM 的 UTF-16/,
  /^文件内容应为 JSON 对象$/,
  /^不是 xlsx 文件/,
  /^xlsx 文件(已损坏|无法读取|解压后过大)/,
  /^找不到工作表/,
  /^找不到列?键行/,
  /^表中没有任何单位的数据行$/,
  /^文件声明的指标体系为 /,
  /^这是旧版 Excel/,
  /^另有 \d+ 个重复的键未列出$/,
];

function located(p: Problem): boolean {
  return Boolean(p.sheet || p.row !== undefined || p.column || p.cell || p.department || p.field || p.header) || WHOLE_FILE.some((re) => re.test(p.message));
}

const STACK = /\n\s+at |\bat .*\.(ts|js):\d+|Error: |TypeError|RangeError/;

interface Counts {
  tried: number;
  refused: number;
  accepted: number;
  crashed: number;
  hung: number;
}

describe('fuzzed files against import and score (PGlite)', () => {
  let t: TestDb;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-fuzz-'));
  const totals: Record<string, Counts> = {};
  beforeAll(async () => {
    t = await openTestDb('pglite');
    expectOk(await importCohort({ roundSlug: 'fuzz', system: 'julu-2021', source: { kind: 'cohort', json: doc }, actor: 'fuzz' }, t.db));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    const all = Object.values(totals).reduce((a, c) => ({ tried: a.tried + c.tried, refused: a.refused + c.refused, accepted: a.accepted + c.accepted, crashed: a.crashed + c.crashed, hung: a.hung + c.hung }));
    console.log(`fuzz (seed ${SEED}, ${N} per format): ${JSON.stringify(totals)} total ${JSON.stringify(all)}`);
  });

  const within = <T,>(p: Promise<T>) =>
    Promise.race([p, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), HANG_MS).unref())]);

  async function run(format: 'json' | 'csv' | 'xlsx', make: (rand: Rand) => Promise<Buffer> | Buffer) {
    const counts: Counts = { tried: 0, refused: 0, accepted: 0, crashed: 0, hung: 0 };
    totals[format] = counts;
    const failures: string[] = [];
    const rand = prng(SEED + format.length);
    for (let i = 0; i < N; i++) {
      const bytes = await make(rand);
      const name = `fuzz-${i}.${format}`;
      counts.tried++;
      const before = await databaseState(t.db);
      const r = await within(importFile({ roundSlug: 'fuzz', fileName: name, buffer: bytes, actor: 'fuzz' }, t.db, { logError: () => {} })).catch((e: unknown) => ({ crash: e }));
      if (r === 'hung') {
        counts.hung++;
        failures.push(`${name}: import did not answer within 30 s`);
        continue;
      }
      if ('crash' in r) {
        counts.crashed++;
        failures.push(`${name}: import threw ${String((r.crash as Error)?.stack ?? r.crash)}`);
        continue;
      }
      if (r.ok) {
        counts.accepted++;
        // Accepted whole: every department now has exactly the version the import reported.
        const stored = await getRoundCohort('fuzz', t.db);
        if (!stored || Object.keys(r.versions).some((code) => !stored.departments.some((d) => d.code === code))) failures.push(`${name}: accepted but not stored whole`);
      } else {
        counts.refused++;
        const after = await databaseState(t.db);
        if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${name}: refused but the database changed`);
        for (const p of r.problems) {
          if (!located(p)) failures.push(`${name}: problem without a place: ${p.message}`);
          if (STACK.test(p.message)) failures.push(`${name}: stack trace in a message: ${p.message.slice(0, 200)}`);
        }
      }
      // score reads the same bytes: a status of 0 or 2, never a crash (1), and no stack trace.
      // (A workbook goes through the very reader import used, so one in four is enough there.)
      if (format === 'xlsx' && i % 4) continue;
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      const s = await within(runMain(scoreMain, ['--input', file]));
      if (s === 'hung') failures.push(`${name}: score did not answer within 30 s`);
      else {
        if (s.code !== 0 && s.code !== 2) failures.push(`${name}: score exited ${s.code}: ${s.stderr.slice(0, 300)}`);
        if (STACK.test(s.stderr)) failures.push(`${name}: stack trace from score: ${s.stderr.slice(0, 300)}`);
        if (s.code === 2 && s.stdout !== '') failures.push(`${name}: score refused but wrote to stdout`);
      }
      fs.rmSync(file);
    }
    expect(failures).toEqual([]);
    expect(counts.refused).toBeGreaterThan(N / 4);
    return counts;
  }

  it(`${N} mutated cohort@1 JSON files`, { timeout: 600_000 }, async () => {
    await run('json', jsonInput);
  });

  it(`${N} mutated CSV files`, { timeout: 600_000 }, async () => {
    await run('csv', csvInput);
  });

  it(`${N} mutated xlsx files`, { timeout: 600_000 }, async () => {
    // A lean workbook (the template without its help sheet and drop-downs): the same cells, a quarter of the work per file.
    const full = new ExcelJS.Workbook();
    await full.xlsx.load((await buildTemplate(system, round, rows)) as unknown as ArrayBuffer);
    const lean = new ExcelJS.Workbook();
    const sheet = lean.addWorksheet(FILL_SHEET);
    full.getWorksheet(FILL_SHEET)!.eachRow((row, r) => {
      sheet.getRow(r).values = row.values as ExcelJS.CellValue[];
    });
    const template = Buffer.from(await lean.xlsx.writeBuffer());
    await run('xlsx', (rand) => xlsxInput(rand, template));
  });
});
