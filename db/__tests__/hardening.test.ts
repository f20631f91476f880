import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/interchange/csv';
import { columnLabel, departmentToRow, tableColumns } from '@/lib/interchange/table';
import { buildTemplate, FILL_SHEET } from '@/lib/interchange/xlsx';
import { formatProblem, parseCohort, type Department } from '@/lib/scoring';
import { main as importMain } from '@/scripts/cli/import';
import { main as scoreMain } from '@/scripts/cli/score';
import { runMain } from '@/tests/cli/run';
import { encodeGbk, encodeUtf16 } from '@/tests/interchange/encodings';
import { DATABASE_FAILED, importFile } from '../import-file';
import { importCohort } from '../import';
import { getRoundCohort } from '../queries';
import { databaseState, expectOk, mixedCohort, system } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';

/**
 * Issue 10: what a file can do to `import`, the web upload (the same importFile) and `score`. Every
 * bad file is refused by all three with the same lines, names its place, stores nothing and
 * crashes nothing.
 */

const doc = mixedCohort(4, 5);
const parsed = parseCohort(doc, system);
if (!parsed.ok) throw new Error('fixture');
const departments: Department[] = parsed.cohort.departments;
const keys = tableColumns(system).map((c) => c.key);
const rows = departments.map((d) => departmentToRow(d));
const col = (key: string) => columnLabel(keys.indexOf(key));
/** The CSV table form without a BOM. */
const csv = (rs: Record<string, string>[] = rows, ks: string[] = keys) => toCsv(ks, rs.map((r) => ks.map((k) => r[k] ?? ''))).slice(1);
const round = { slug: '2021', name: doc.round.name, year: doc.round.year };

describe.each(backends)('on %s', (backend) => {
  let t: TestDb;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-hardening-'));
  beforeAll(async () => {
    t = await openTestDb(backend);
    expectOk(await importCohort({ roundSlug: '2021', system: 'julu-2021', source: { kind: 'cohort', json: doc }, actor: 'test' }, t.db));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const upload = (fileName: string, bytes: Buffer) => importFile({ roundSlug: '2021', fileName, buffer: bytes, actor: 'uploader' }, t.db, { logError: () => {} });
  const score = (fileName: string, bytes: Buffer, ...args: string[]) => {
    const file = path.join(tmp, fileName);
    fs.writeFileSync(file, bytes);
    return runMain(scoreMain, ['--input', file, ...args]);
  };

  /** Refused by import (the web upload's path) and by score alike, with the same lines; nothing stored. */
  async function refused(fileName: string, bytes: Buffer): Promise<string[]> {
    const before = await databaseState(t.db);
    const imported = await upload(fileName, bytes);
    if (imported.ok) throw new Error(`${fileName} was imported`);
    expect(await databaseState(t.db)).toEqual(before);
    const lines = imported.problems.map(formatProblem);
    const scored = await score(fileName, bytes);
    expect(scored).toMatchObject({ code: 2, stdout: '' });
    expect(scored.stderr.trimEnd().split('\n')).toEqual(lines);
    for (const line of lines) {
      expect(line.length).toBeLessThan(400);
      expect(line).not.toMatch(/\n|\bat .*:\d+:\d+|Error:/);
    }
    return lines;
  }

  describe('2. encodings', () => {
    it('reads a GBK CSV (1/0, English grade names) as GB18030: names intact, and says so', async () => {
      const gbkRows = rows.map((r, i) => ({ ...r, name: `${r.name}（改）`, 'fund_compliance.1': i % 2 ? '1' : '0', satisfaction: 'Excellent' }));
      const bytes = encodeGbk(csv(gbkRows));
      const r = await upload('gbk.csv', bytes);
      expectOk(r);
      expect(r.warnings).toEqual([expect.stringContaining('GBK/GB18030')]);
      const stored = await getRoundCohort('2021', t.db);
      expect(stored!.departments.map((d) => d.name).sort()).toEqual(gbkRows.map((g) => g.name).sort());
      expect(stored!.departments.every((d) => d.grades.satisfaction === '优秀')).toBe(true);
      const scored = await score('gbk.csv', bytes);
      expect(scored.code).toBe(0);
      expect(scored.stderr).toContain('提示：文件编码为 GBK/GB18030，已按 GB18030 读取');
      expect(JSON.parse(scored.stdout).departments.map((d: { name: string }) => d.name).sort()).toEqual(gbkRows.map((g) => g.name).sort());
    });

    it('reads UTF-16 with a BOM, either byte order; refuses UTF-16 without one in one line', async () => {
      for (const endian of ['le', 'be'] as const) {
        const bytes = encodeUtf16(csv(), endian);
        const scored = await score(`utf16${endian}.csv`, bytes);
        expect(scored).toMatchObject({ code: 0, stderr: '' });
        expect(JSON.parse(scored.stdout).departments.map((d: { name: string }) => d.name).sort()).toEqual(departments.map((d) => d.name).sort());
        expectOk(await upload(`utf16${endian}.csv`, bytes));
      }
      expect(await refused('bomless.csv', encodeUtf16(csv(), 'le', false))).toEqual([expect.stringMatching(/^文件似乎是不带 BOM 的 UTF-16 编码.*请另存为 UTF-8/)]);
    });

    it('refuses a name with an invalid UTF-8 byte, naming its cell: U+FFFD is never stored', async () => {
      const text = csv();
      const name = departments[1]!.name;
      const at = Buffer.from(text.slice(0, text.indexOf(name) + 1));
      const bytes = Buffer.concat([at, Buffer.from([0xff]), Buffer.from(text).subarray(at.length)]);
      expect(await refused('damaged.csv', bytes)).toEqual([
        `${col('name')}3 单位名称 · 单位 ${departments[1]!.code}：单位名称含有无法识别的字符“�”（U+FFFD，通常是文件编码不对或已损坏）；请另存为 UTF-8 后重新导入  [name]`,
      ]);
    });
  });

  describe('3. merged cells', () => {
    it('refuses a merge inside the data area, naming each merged range', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await buildTemplate(system, round, rows)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(FILL_SHEET)!;
      const across = `${col('payments')}4:${col('payment_target')}4`;
      const down = `${col('budget')}3:${col('budget')}4`;
      ws.mergeCells(across);
      ws.mergeCells(down);
      const lines = await refused('merged.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^填报!${across}：合并单元格 ${across} 位于数据区内`)), expect.stringMatching(new RegExp(`^填报!${down}：合并单元格 ${down}`))]));
    });
  });

  describe('4. text fields and crashes', () => {
    it('refuses NUL, control characters and U+FFFD in codes, names and groups, naming the cell', async () => {
      const bad = rows.map((r) => ({ ...r }));
      bad[0]!.code = 'ab\u0000c';
      bad[1]!.name = '名\u0007称';
      bad[2]!.group = '乡\ufffd镇';
      const lines = await refused('control.csv', Buffer.from(csv(bad)));
      expect(lines).toEqual([
        `${col('code')}2 单位代码：单位代码含有控制字符 U+0000（NUL）  [code]`,
        `${col('name')}3 单位名称 · 单位 ${bad[1]!.code}：单位名称含有控制字符 U+0007  [name]`,
        expect.stringMatching(new RegExp(`^${col('group')}4 分组 · 单位 ${bad[2]!.code}：分组含有无法识别的字符`)),
      ]);
    });

    it('refuses a lone surrogate and a NUL in a cohort file, naming the department', async () => {
      const marked = structuredClone(doc);
      (marked.departments[0] as { name: string }).name = `@SURROGATE@${departments[0]!.name}`;
      (marked.departments[1] as { group: string }).group = '@NUL@';
      // Written as JSON escapes, as another program would write them.
      const text = JSON.stringify(marked).replace('@SURROGATE@', '\\ud800').replace('@NUL@', '\\u0000');
      const lines = await refused('surrogate.json', Buffer.from(text));
      expect(lines).toEqual([
        `单位 ${departments[0]!.code} · 单位名称：单位名称含有不成对的代理字符 U+D800  [name]`,
        `单位 ${departments[1]!.code} · 分组：分组含有控制字符 U+0000（NUL）  [group]`,
      ]);
    });

    it('refuses a code of a million characters in one short line; the database never sees it', async () => {
      const long = 'x'.repeat(1_000_000);
      expect(await refused('long.csv', Buffer.from(csv([{ ...rows[0]!, code: long }])))).toEqual([`${col('code')}2 单位代码：单位代码过长（1000000 个字符），最多 64 个  [code]`]);
      const json = JSON.stringify({ ...doc, departments: [{ ...doc.departments[0], code: long }] });
      expect(await refused('long.json', Buffer.from(json))).toEqual([expect.stringMatching(/^JSON 格式错误，第 1 行第 \d+ 列：字符串超过 100,000 个字符，拒绝读取$/)]);
      const name = JSON.stringify({ ...doc, departments: [{ ...doc.departments[0], name: '名'.repeat(201) }] });
      expect(await refused('name.json', Buffer.from(name))).toEqual([`单位 ${departments[0]!.code} · 单位名称：单位名称过长（201 个字符），最多 200 个  [name]`]);
    });

    it('refuses JSON nested 100,000 deep with a located message, not a RangeError', async () => {
      const deep = JSON.stringify(doc).replace('"inputs":{', `"inputs":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)},`);
      expect(await refused('deep.json', Buffer.from(deep))).toEqual([expect.stringMatching(/^JSON 格式错误，第 1 行第 \d+ 列：嵌套超过 64 层，拒绝读取$/)]);
    });

    it('turns a failure of the database into one line, exit 2, nothing stored', async () => {
      await t.db.execute(sql.raw(`create function refuse_write() returns trigger language plpgsql as $$ begin raise exception 'simulated: could not extend file'; end $$`));
      await t.db.execute(sql.raw(`create trigger refuse_write before insert on submissions for each row execute function refuse_write()`));
      try {
        const before = await databaseState(t.db);
        const r = await upload('ok.csv', Buffer.from(csv()));
        expect(r).toEqual({ ok: false, problems: [{ message: `${DATABASE_FAILED}（错误代码 P0001）` }] });
        fs.writeFileSync(path.join(tmp, 'ok.csv'), csv());
        const cli = await runMain(importMain, ['--round', '2021', '--input', path.join(tmp, 'ok.csv')], { db: t });
        expect(cli).toEqual({ code: 2, stdout: '', stderr: `${DATABASE_FAILED}（错误代码 P0001）\n导入未完成：共 1 个问题，数据库未作任何改动\n` });
        expect(await databaseState(t.db)).toEqual(before);
      } finally {
        await t.db.execute(sql.raw('drop trigger refuse_write on submissions'));
        await t.db.execute(sql.raw('drop function refuse_write'));
      }
    });
  });

  describe('5. a system named inside a file', () => {
    it('is a built-in id, never a path: /etc/passwd, /dev/zero and /dev/stdin are refused unopened', async () => {
      for (const name of ['/etc/passwd', '/dev/zero', '/dev/stdin', 'julu-2021.json']) {
        const r = await score('named-system.json', Buffer.from(JSON.stringify({ ...doc, system: name })));
        expect(r).toEqual({
          code: 2,
          stdout: '',
          stderr: `文件中的 "system" 为“${name}”，不是内置指标体系（内置：julu-2021）；自定义体系请用 --system <system@1 文件> 在命令行给出\n`,
        });
      }
      // Import compares the declared system with the round's; it never opens what the file names either.
      const r = await upload('named-system.json', Buffer.from(JSON.stringify({ ...doc, system: '/etc/passwd' })));
      expect(r).toMatchObject({ ok: false, problems: [{ message: '文件声明的指标体系为 /etc/passwd，而评价轮次 2021 使用 julu-2021' }] });
    });
  });

  describe('7. short rows and truncated cells', () => {
    it('refuses a row shorter than the key row, naming where it stops', async () => {
      const text = csv();
      const cut = text.slice(0, text.lastIndexOf(departments.at(-1)!.name) + 40);
      const cells = cut.split('\r\n').at(-1)!.split(',').length;
      const lines = await refused('cut.csv', Buffer.from(cut));
      expect(lines[0]).toMatch(new RegExp(`^${columnLabel(cells)}6 .*：本行只有 ${cells} 列，少于键行的 ${keys.length} 列（从 ${columnLabel(cells)} 列起缺失）：文件可能被截断，或漏了逗号`));
      // The cells that are not there are not reported one by one; the cut last cell shows as what it is.
      expect(lines.slice(1)).toEqual([expect.stringMatching(/^H6 重点项目支出（万元） · 单位 d00004：重点项目支出（[\d.]+）不能大于 项目总支出（\d+）（重点支出安排率）  \[key_project_spending\]$/)]);
    });

    it('takes a row that lacks only its trailing self-scores, with a warning', async () => {
      const selfFirst = keys.findIndex((k) => k.startsWith('self.'));
      const lines = csv().trimEnd().split('\r\n');
      lines[2] = lines[2]!.split(',').slice(0, selfFirst).join(',');
      const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
      const r = await upload('short-self.csv', bytes);
      expectOk(r);
      expect(r.warnings).toEqual([`第 3 行只有 ${selfFirst} 列，少于键行的 ${keys.length} 列；缺少的 ${keys.length - selfFirst} 项自评分按未填处理`]);
      expect((await score('short-self.csv', bytes)).stderr).toBe(`提示：${r.warnings![0]}\n`);
    });

    it('refuses a number cut short inside the last cell ("85.")', async () => {
      const cut = rows.map((r) => ({ ...r }));
      cut.at(-1)!['self.total'] = '85.';
      expect(await refused('dot.csv', Buffer.from(csv(cut)))).toEqual([`${col('self.total')}6 自评总分 · 单位 ${cut.at(-1)!.code}：不是有效的数字：“85.”  [self.total]`]);
    });
  });

  describe('8. one rule for each thing', () => {
    it('a JSON file with a BOM is read the same by score and import', async () => {
      const bytes = Buffer.from(`\ufeff${JSON.stringify(doc)}`);
      expect((await score('bom.json', bytes)).code).toBe(0);
      expectOk(await upload('bom.json', bytes));
    });

    it('a CSV column without a key that holds data is refused, as in xlsx', async () => {
      const ks = [...keys.slice(0, 3), '', ...keys.slice(3)];
      const data = rows.map((r) => ({ ...r, '': '1' }));
      const lines = await refused('nokey.csv', Buffer.from(csv(data, ks)));
      expect(lines).toHaveLength(rows.length);
      expect(lines[0]).toBe('D2：此列没有列键（键行此格为空），数据无法识别');
    });

    it('score reads an xlsx as a workbook, as import does', async () => {
      const xlsx = await buildTemplate(system, round, rows);
      const scored = await score('filled.xlsx', xlsx);
      expect(scored).toMatchObject({ code: 0, stderr: '' });
      const fromJson = await score('same.json', Buffer.from(JSON.stringify(doc)));
      expect(JSON.parse(scored.stdout)).toEqual(JSON.parse(fromJson.stdout));
    });

    it('-0 is zero: accepted where 0 is, and refused with the same one message where 0 is not', async () => {
      const minus = rows.map((r) => ({ ...r, carryover: '-0' }));
      const zero = rows.map((r) => ({ ...r, carryover: '0' }));
      expect((await score('minus.csv', Buffer.from(csv(minus)))).stdout).toBe((await score('zero.csv', Buffer.from(csv(zero)))).stdout);
      const badMinus = await refused('bad-minus.csv', Buffer.from(csv([{ ...rows[0]!, budget: '-0' }])));
      expect(badMinus).toEqual(await refused('bad-zero.csv', Buffer.from(csv([{ ...rows[0]!, budget: '0' }]))));
      expect(badMinus.join('\n')).not.toContain('负数');
    });

    it('a column keyed __proto__ or constructor is an unknown column, not a duplicate', async () => {
      const lines = await refused('proto.csv', Buffer.from(csv(rows, [...keys, '__proto__', 'constructor'])));
      expect(lines).toEqual([`${columnLabel(keys.length)}1：未知的列键“__proto__”：本轮次的指标体系没有这一列（请使用本轮次的模板）  [__proto__]`, `${columnLabel(keys.length + 1)}1：未知的列键“constructor”：本轮次的指标体系没有这一列（请使用本轮次的模板）  [constructor]`]);
    });

    it('a key given twice in a JSON file is refused with its line, together with the other problems', async () => {
      const text = JSON.stringify(doc, null, 2).replace('"budget": "1049.6"', '"budget": "1049.6",\n        "budget": "99999"').replace('"staff_actual": 55', '"staff_actual": -1');
      const lines = await refused('twice.json', Buffer.from(text));
      expect(lines).toEqual([
        expect.stringMatching(/^第 \d+ 行第 9 列：键“budget”重复出现（位于 departments\[0\]\.inputs）；每个键只能出现一次$/),
        '单位 xiaolvzhai · 在职人员数（人）：在职人员数不能为负数（-1）  [inputs.staff_actual]',
      ]);
    });
  });

  describe('issue 9 §5: problems a clerk can act on', () => {
    it('reports a missing column together with every cell problem of the other columns', async () => {
      const ks = keys.filter((k) => k !== 'budget');
      const bad = rows.map((r) => ({ ...r }));
      bad[1]!.payments = '1,209.54';
      bad[3]!['disclosure.2'] = '也许';
      const lines = await refused('missing.csv', Buffer.from(csv(bad, ks)));
      expect(lines).toEqual([
        '预算数（万元）：缺少“预算数（万元）”这一列（列键“budget”）  [budget]',
        expect.stringMatching(new RegExp(`^[A-Z]+3 年度支付数（万元） · 单位 ${bad[1]!.code}：.*1,209\\.54.*  \\[payments\\]$`)),
        expect.stringMatching(new RegExp(`^[A-Z]+5 预决算信息公开性·要点2（是/否） · 单位 ${bad[3]!.code}：“也许”不是 是/否  \\[disclosure\\.2\\]$`)),
      ]);
    });

    it('names sheet!cell and the Chinese header with its unit in an xlsx; keys only in brackets', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await buildTemplate(system, round, rows)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(FILL_SHEET)!;
      ws.getCell(`${col('budget')}7`).value = '18.8841.4';
      ws.getCell(`${col('projects_completed')}3`).value = '十';
      ws.getCell(`${col('duty_clarity.1')}5`).value = '是的';
      const lines = await refused('cells.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
      expect(lines).toEqual([
        `填报!${col('projects_completed')}3 已完成项目个数（个） · 单位 ${rows[0]!.code}：已完成项目个数不是有效的数字：“十”  [projects_completed]`,
        `填报!${col('duty_clarity.1')}5 职责明确·要点1（是/否） · 单位 ${rows[2]!.code}：“是的”不是 是/否  [duty_clarity.1]`,
        `填报!${col('budget')}7 预算数（万元） · 单位 ${rows[4]!.code}：预算数不是有效的数字：“18.8841.4”  [budget]`,
      ]);
      // No message is an internal key on its own.
      for (const line of lines) expect(line.split('  [')[0]).not.toMatch(/\b(projects_completed|duty_clarity\.1|budget)\b/);
    });
  });
});
