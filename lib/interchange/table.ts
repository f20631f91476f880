import {
  indexSystem,
  parseDepartment,
  type CohortResult,
  type Department,
  type Problem,
  type System,
} from '@/lib/scoring';
import { DecimalPool } from './compact';
import { moreOf, ProblemList, type Refused } from './limits';
import { codeProblem, groupProblem, nameProblem } from './text-rules';

/** The table form of spec §6: one row per department, columns keyed by spec codes. */

export type ColumnKind = 'identity' | 'input' | 'checklist' | 'grade' | 'judgement' | 'self';

export interface TableColumn {
  key: string;
  /** Chinese header with unit, as in the xlsx template. */
  header: string;
  kind: ColumnKind;
  leaf?: string;
  item?: number;
}

export type Cell = string | number | boolean | null | undefined;

export interface TableRow {
  /** 1-based row number in the file, as a spreadsheet shows it. */
  row: number;
  cells: Record<string, Cell>;
  /** The row stops short of the key row (already reported): its absent cells are not reported again. */
  short?: boolean;
}

export interface TableSource {
  sheet?: string;
  /** Column label (e.g. "D") of each key, as found in the file. */
  columns: Record<string, string>;
  /** The row holding the keys, so a problem with a whole column can name its cell. */
  keyRow?: number;
  rows: TableRow[];
  /** Problems met while reading the file that did not stop it (duplicate keys, merged cells…), reported with the rest. */
  problems?: Problem[];
  /** Problems of that kind counted beyond the listed ones (lib/interchange/limits). */
  more?: number;
  /** Things the user should know that do not stop the import (e.g. a short row missing only self-scores). */
  warnings?: string[];
}

const YES = new Set(['是', '1', 'true', 'y', 'yes', '√', '符合']);
const NO = new Set(['否', '0', 'false', 'n', 'no', '×', '不符合']);

/** Template column order: identity, inputs, checklist items, grades, judgements, self-scores. */
export function tableColumns(system: System): TableColumn[] {
  const idx = indexSystem(system);
  const cols: TableColumn[] = [
    { key: 'code', header: '单位代码', kind: 'identity' },
    { key: 'name', header: '单位名称', kind: 'identity' },
    { key: 'group', header: '分组', kind: 'identity' },
  ];
  for (const f of idx.inputFields) {
    const info = system.fields[f];
    cols.push({ key: f, header: `${info?.name ?? f}${info?.unit ? `（${info.unit}）` : ''}`, kind: 'input' });
  }
  for (const { leaf } of idx.checklistLeaves) {
    if (leaf.rule.kind !== 'checklist') continue;
    leaf.rule.items.forEach((_, i) =>
      cols.push({ key: `${leaf.code}.${i + 1}`, header: `${leaf.name}·要点${i + 1}（是/否）`, kind: 'checklist', leaf: leaf.code, item: i + 1 }),
    );
  }
  for (const { leaf } of idx.gradeLeaves) {
    cols.push({ key: leaf.code, header: `${leaf.name}（等级）`, kind: 'grade', leaf: leaf.code });
  }
  for (const { leaf } of idx.judgementLeaves) {
    cols.push({ key: leaf.code, header: `${leaf.name}（0–${leaf.weight} 分）`, kind: 'judgement', leaf: leaf.code });
  }
  for (const { leaf } of idx.leaves) {
    cols.push({ key: `self.${leaf.code}`, header: `自评·${leaf.name}（分）`, kind: 'self', leaf: leaf.code });
  }
  cols.push({ key: 'self.total', header: '自评总分', kind: 'self' });
  return cols;
}

function text(c: Cell): string {
  return c === null || c === undefined ? '' : String(c).trim();
}

/** Which table key a parser's field path came from, so the problem can point at a cell. */
function keyOfField(field: string | undefined, system: System): string | undefined {
  if (!field) return undefined;
  const [section, rest] = field.split(/\.(.*)/s) as [string, string | undefined];
  if (section === 'inputs' || section === 'grades' || section === 'judgements') return rest;
  if (section === 'self_scores') return `self.${rest}`;
  if (section === 'checklists' && rest) return indexSystem(system).byCode.has(rest) ? `${rest}.1` : rest;
  return field;
}

const COLUMN_LABEL = /^[A-Z]{1,3}$/;

/**
 * Turns table rows into a cohort, one row at a time (so a large CSV need not be held whole). Every
 * problem is collected in one pass — missing and unknown columns together with the cell problems
 * of the other columns — and names the sheet, cell, Chinese header and department; nothing is
 * returned unless the whole table is valid.
 */
export class TableCohortReader {
  /** Column problems (unknown, missing), then the rows'. Bounded: thousands of bad rows are counted, not kept (limits.ts). */
  private readonly problems: Problem[] = new ProblemList();
  private readonly departments: Department[] = [];
  private readonly seen = new Map<string, number>();
  /** Columns the file lacks: reported once, never again per row. */
  private readonly missing = new Set<string>();
  private readonly columns: TableColumn[];
  private readonly headers: Map<string, string>;
  private readonly pool = new DecimalPool();
  private rowCount = 0;

  constructor(
    private readonly source: Omit<TableSource, 'rows'>,
    private readonly system: System,
  ) {
    this.columns = tableColumns(system);
    this.headers = new Map(this.columns.map((c) => [c.key, c.header]));
    const known = new Set(this.columns.map((c) => c.key));
    for (const key of Object.keys(source.columns)) {
      if (!known.has(key)) {
        this.problems.push({ ...this.where(key, source.keyRow), field: key, message: `未知的列键“${key}”：本轮次的指标体系没有这一列（请使用本轮次的模板）` });
      }
    }
    for (const c of this.columns) {
      // Self-scores are optional, and so are evaluations: without a judgement column the leaf awaits evaluation (spec §7).
      if (c.kind !== 'self' && c.kind !== 'judgement' && !Object.hasOwn(source.columns, c.key)) {
        this.missing.add(c.key);
        this.problems.push({ ...(source.sheet ? { sheet: source.sheet } : {}), field: c.key, header: c.header, message: `缺少“${c.header}”这一列（列键“${c.key}”）` });
      }
    }
  }

  private where(key: string | undefined, row: number | undefined): Partial<Problem> {
    const column = key && Object.hasOwn(this.source.columns, key) ? this.source.columns[key] : undefined;
    const header = key ? this.headers.get(key) : undefined;
    return {
      ...(this.source.sheet ? { sheet: this.source.sheet } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(column ? { column } : {}),
      ...(column && row !== undefined && COLUMN_LABEL.test(column) ? { cell: `${column}${row}` } : {}),
      ...(header ? { header } : {}),
    };
  }

  /** One data row; its department is kept only when the row has no problem. */
  add(row: number, cells: Record<string, Cell>, short = false): void {
    this.rowCount++;
    const system = this.system;
    const idx = indexSystem(system);
    const rowProblems: Problem[] = [];
    const code = text(cells.code);
    const codeBad = code === '' ? null : codeProblem(code);
    const at = (key: string | undefined, message: string, field?: string) => {
      if (key && (this.missing.has(key) || (short && !Object.hasOwn(cells, key)))) return;
      rowProblems.push({ ...this.where(key, row), ...(code && !codeBad ? { department: code } : {}), field: field ?? key, message });
    };
    if (codeBad) at('code', codeBad);
    const name = text(cells.name);
    const nameBad = name === '' ? null : nameProblem(name);
    if (nameBad) at('name', nameBad);
    const group = text(cells.group);
    const groupBad = group === '' ? null : groupProblem(group);
    if (groupBad) at('group', groupBad);

    const inputs: Record<string, string> = {};
    for (const f of idx.inputFields) if (text(cells[f]) !== '') inputs[f] = text(cells[f]);
    const checklists: Record<string, boolean[]> = {};
    for (const { leaf } of idx.checklistLeaves) {
      if (leaf.rule.kind !== 'checklist') continue;
      const answers: boolean[] = [];
      leaf.rule.items.forEach((_, i) => {
        const key = `${leaf.code}.${i + 1}`;
        const v = text(cells[key]).toLowerCase();
        if (YES.has(v)) answers.push(true);
        else if (NO.has(v)) answers.push(false);
        else {
          at(key, v === '' ? `缺少${leaf.name}第 ${i + 1} 项（是/否）` : `“${text(cells[key])}”不是 是/否`);
          // Already reported with its exact cell; the placeholder keeps the parser from reporting it again.
          answers.push(false);
        }
      });
      checklists[leaf.code] = answers;
    }
    const grades: Record<string, string> = {};
    for (const { leaf } of idx.gradeLeaves) if (text(cells[leaf.code]) !== '') grades[leaf.code] = text(cells[leaf.code]);
    const judgements: Record<string, string> = {};
    for (const { leaf } of idx.judgementLeaves) if (text(cells[leaf.code]) !== '') judgements[leaf.code] = text(cells[leaf.code]);
    const self: Record<string, string> = {};
    for (const c of this.columns) if (c.kind === 'self' && text(cells[c.key]) !== '') self[c.key.slice(5)] = text(cells[c.key]);
    const raw = {
      code: codeBad ? '' : code,
      name: nameBad ? '-' : name,
      group: groupBad ? '' : group,
      inputs,
      checklists,
      grades,
      judgements,
      ...(Object.keys(self).length ? { self_scores: self } : {}),
    };
    const parsed: Problem[] = [];
    const dept = parseDepartment(raw, row - 1, system, parsed);
    for (const p of parsed) {
      const key = keyOfField(p.field, system);
      // A bad code is reported above; the parser only saw it blanked.
      if (codeBad && key === 'code') continue;
      at(key, p.message, key);
    }
    if (code && !codeBad) {
      const first = this.seen.get(code);
      if (first !== undefined) at('code', `单位代码 ${code} 与第 ${first} 行重复`);
      else this.seen.set(code, row);
    }
    this.problems.push(...rowProblems);
    if (dept && rowProblems.length === 0) this.departments.push(this.pool.department(dept));
  }

  result(round: { name: string; year: number }): CohortResult | Refused {
    // The reader's own problems (duplicate keys, merged cells, short rows) may have grown while rows were streamed in.
    const problems = new ProblemList();
    problems.push(...(this.source.problems ?? []), ...this.problems);
    problems.more += moreOf(this.source.problems ?? []) + (this.source.more ?? 0) + moreOf(this.problems);
    if (this.rowCount === 0) problems.push({ ...(this.source.sheet ? { sheet: this.source.sheet } : {}), message: '表中没有任何单位的数据行' });
    if (problems.length) return { ok: false, ...problems.result() };
    return { ok: true, cohort: { system: this.system.id, round, departments: this.departments } };
  }
}

/** Turns a whole table into a cohort (see TableCohortReader). */
export function rowsToCohort(source: TableSource, system: System, round: { name: string; year: number }): CohortResult | Refused {
  const reader = new TableCohortReader(source, system);
  for (const { row, cells, short } of source.rows) reader.add(row, cells, short);
  return reader.result(round);
}

/** A department's values keyed as table columns, for templates and CSV exports. */
export function departmentToRow(d: Department): Record<string, string> {
  const row: Record<string, string> = { code: d.code, name: d.name, group: d.group };
  for (const [k, v] of Object.entries(d.inputs)) row[k] = v.toFixed();
  for (const [leaf, answers] of Object.entries(d.checklists)) answers.forEach((a, i) => (row[`${leaf}.${i + 1}`] = a ? '是' : '否'));
  for (const [leaf, label] of Object.entries(d.grades)) row[leaf] = label;
  for (const [leaf, v] of Object.entries(d.judgements)) row[leaf] = v.toFixed();
  for (const [k, v] of Object.entries(d.self_scores ?? {})) if (v) row[`self.${k}`] = v.toFixed();
  return row;
}

/** Spreadsheet column label of a 0-based index: 0 → A, 26 → AA. */
export function columnLabel(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
