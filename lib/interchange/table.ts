import {
  indexSystem,
  parseDepartment,
  type CohortResult,
  type Department,
  type Problem,
  type System,
} from '@/lib/scoring';

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
}

export interface TableSource {
  sheet?: string;
  /** Column label (e.g. "D") of each key, as found in the file. */
  columns: Record<string, string>;
  rows: TableRow[];
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

/**
 * Turns table rows into a cohort. Every problem names the row and column (and sheet), and the
 * department code where the row has one; nothing is returned unless the whole table is valid.
 */
export function rowsToCohort(
  source: TableSource,
  system: System,
  round: { name: string; year: number },
): CohortResult {
  const problems: Problem[] = [];
  const columns = tableColumns(system);
  const known = new Set(columns.map((c) => c.key));
  const where = (key: string | undefined) => ({
    ...(source.sheet ? { sheet: source.sheet } : {}),
    ...(key && source.columns[key] ? { column: source.columns[key] } : {}),
  });

  for (const key of Object.keys(source.columns)) {
    if (!known.has(key)) problems.push({ ...where(key), field: key, message: `未知的列“${key}”` });
  }
  for (const c of columns) {
    if (c.kind !== 'self' && !(c.key in source.columns)) {
      problems.push({ ...(source.sheet ? { sheet: source.sheet } : {}), field: c.key, message: `缺少列 ${c.key}（${c.header}）` });
    }
  }
  if (problems.length) return { ok: false, problems };
  if (source.rows.length === 0) return { ok: false, problems: [{ ...where(undefined), message: '表中没有任何单位的数据行' }] };

  const idx = indexSystem(system);
  const seen = new Map<string, number>();
  const departments: Department[] = [];
  for (const { row, cells } of source.rows) {
    const rowProblems: Problem[] = [];
    const code = text(cells.code);
    const at = (key: string | undefined, message: string, field?: string) =>
      rowProblems.push({ ...where(key), row, ...(code ? { department: code } : {}), field: field ?? key, message });

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
    for (const c of columns) if (c.kind === 'self' && text(cells[c.key]) !== '') self[c.key.slice(5)] = text(cells[c.key]);

    const raw = {
      code,
      name: text(cells.name),
      group: text(cells.group),
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
      at(key, p.message, key);
    }
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) at('code', `单位代码 ${code} 与第 ${first} 行重复`);
      else seen.set(code, row);
    }
    problems.push(...rowProblems);
    if (dept && rowProblems.length === 0) departments.push(dept);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, cohort: { system: system.id, round, departments } };
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
