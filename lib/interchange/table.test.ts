import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSystem, parseCohort, scoreCohort, scoresToJson, type Cohort } from '@/lib/scoring';
import { parseCsvTable, toCsv } from './csv';
import { departmentToRow, rowsToCohort, tableColumns } from './table';

const system = builtinSystem('julu-2021')!;
const fixture = JSON.parse(fs.readFileSync('lib/demo/xiaolvzhai-2021.json', 'utf8'));
const cohort = (parseCohort(fixture, system) as { ok: true; cohort: Cohort }).cohort;
const keys = tableColumns(system).map((c) => c.key);
const round = { name: 't', year: 2021 };

function csvOf(rows: Record<string, string>[], columns = keys): string {
  return toCsv(columns, rows.map((r) => columns.map((k) => r[k] ?? '')));
}

function parseCsv(text: string) {
  const t = parseCsvTable(text);
  if (!t.ok) throw new Error(JSON.stringify(t.problems));
  return rowsToCohort(t.source, system, round);
}

describe('table form', () => {
  it('lists columns in template order with spec keys', () => {
    expect(keys.slice(0, 4)).toEqual(['code', 'name', 'group', 'staff_actual']);
    expect(keys).toContain('fund_compliance.8');
    expect(keys).not.toContain('fund_compliance.9');
    expect(keys).toContain('satisfaction');
    expect(keys).toContain('self.total');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a department written as a CSV row reads back with identical scores', () => {
    const r = parseCsv(csvOf([departmentToRow(cohort.departments[0]!)]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(scoresToJson(scoreCohort(system, r.cohort.departments))).toEqual(scoresToJson(scoreCohort(system, cohort.departments)));
  });

  it('reads a CSV with or without a BOM, and with the template Chinese header row above the keys', () => {
    const row = departmentToRow(cohort.departments[0]!);
    const plain = csvOf([row]).slice(1);
    expect(parseCsv(plain).ok).toBe(true);
    const headers = tableColumns(system).map((c) => c.header);
    const withHeaders = toCsv(headers, [keys, keys.map((k) => row[k] ?? '')]);
    expect(parseCsv(withHeaders).ok).toBe(true);
  });

  it('accepts 是/否, 1/0 and true/false for checklist items', () => {
    const row = departmentToRow(cohort.departments[0]!);
    const variants = { ...row, 'fund_compliance.1': '1', 'fund_compliance.2': 'true', 'fund_compliance.3': '否', 'fund_compliance.4': '0', 'fund_compliance.5': 'FALSE' };
    const r = parseCsv(csvOf([variants]));
    expect(r.ok && r.cohort.departments[0]!.checklists.fund_compliance).toEqual([true, true, false, false, false, true, true, true]);
  });

  it('reports every bad cell with its row, column, department and field', () => {
    const good = departmentToRow(cohort.departments[0]!);
    const bad = { ...good, code: 'bad', budget: '18.8841.4', staff_actual: '-3', 'disclosure.2': '也许', satisfaction: '很好', duty_completion: '12' };
    const r = parseCsv(csvOf([good, bad, good]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const col = (k: string) => {
      const i = keys.indexOf(k);
      return String.fromCharCode(65 + Math.floor(i / 26) - 1).replace('@', '') + String.fromCharCode(65 + (i % 26));
    };
    const found = r.problems.map((p) => `${p.row}|${p.column}|${p.department}|${p.field}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `3|${col('budget')}|bad|budget`,
        `3|${col('staff_actual')}|bad|staff_actual`,
        `3|${col('disclosure.2')}|bad|disclosure.2`,
        `3|${col('satisfaction')}|bad|satisfaction`,
        `3|${col('duty_completion')}|bad|duty_completion`,
        `4|A|xiaolvzhai|code`,
      ]),
    );
    expect(r.problems).toHaveLength(6);
  });

  it('names a missing column and an unknown column once, not per row', () => {
    const row = departmentToRow(cohort.departments[0]!);
    const columns = [...keys.filter((k) => k !== 'budget'), 'budget_total'];
    const r = parseCsv(csvOf([row, { ...row, code: 'x2' }], columns));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['budget', 'budget_total']);
  });

  it('rejects a file with no key row and explains what it expected', () => {
    const t = parseCsvTable('单位,预算\n甲,1\n乙,2\n');
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.problems[0]!.message).toMatch(/键行/);
  });

  it('rejects a row with more cells than the key row, naming the row', () => {
    const row = departmentToRow(cohort.departments[0]!);
    const text = csvOf([row]) + keys.map((k) => row[k] ?? '').join(',') + ',extra\r\n';
    const t = parseCsvTable(text);
    if (!t.ok) throw new Error('the file itself is readable');
    const r = rowsToCohort(t.source, system, round);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.row).toBe(3);
  });
});
