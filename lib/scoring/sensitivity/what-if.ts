import {
  competitionRanks,
  D,
  departmentToJson,
  evalMetric,
  indexSystem,
  parseDepartment,
  scoreCohort,
  type CohortStat,
  type Decimal,
  type Department,
  type DepartmentScore,
  type MetricValue,
  type Problem,
  type Scores,
  type System,
} from '../index';
import { compareValues, sameEnds } from './engine';
import { cents, groupTable, type GroupTable } from './group';

/**
 * What-if (试算): one unit's own values changed, nothing saved. Keys are the table form's column
 * keys (spec §6): an input field, `<leaf>.<n>` for checklist item n, a grade leaf's code. Values
 * are cell texts: numbers as typed, 1/0 (or 是/否) for items, a grade's label.
 */
export type WhatIfChanges = Record<string, string>;

export type WhatIfKeyKind = 'input' | 'checklist' | 'grade';

/** The keys a what-if may change, with their kind: the unit's own inputs, checklist answers and grades. */
export function whatIfKeys(system: System): Map<string, WhatIfKeyKind> {
  const idx = indexSystem(system);
  const keys = new Map<string, WhatIfKeyKind>();
  for (const f of idx.inputFields) keys.set(f, 'input');
  for (const { leaf } of idx.checklistLeaves) {
    if (leaf.rule.kind === 'checklist') leaf.rule.items.forEach((_, i) => keys.set(`${leaf.code}.${i + 1}`, 'checklist'));
  }
  for (const { leaf } of idx.gradeLeaves) keys.set(leaf.code, 'grade');
  return keys;
}

const YES = new Set(['1', '是', 'true']);
const NO = new Set(['0', '否', 'false']);

/** Another unit whose total or rank the change moves. */
export interface WhatIfMove {
  code: string;
  name: string;
  totalBefore: Decimal;
  totalAfter: Decimal;
  rankBefore: number;
  rankAfter: number;
}

/** A banded leaf whose min or max the change moves. */
export interface ScaleChange {
  leaf: string;
  before: CohortStat;
  after: CohortStat;
}

export type WhatIfResult =
  | {
      ok: true;
      /** The unit as scored with the change, rank and 并列 among its group. */
      department: DepartmentScore;
      /** The stored result it is compared with. */
      before: DepartmentScore;
      /** Keys whose value differs from the stored submission. */
      changed: string[];
      /** Other units whose total (and so perhaps rank) or rank changes, by group order. */
      others: WhatIfMove[];
      /** How many other units' totals change: their scores move too. */
      othersMoved: number;
      scales: ScaleChange[];
    }
  | { ok: false; problems: Problem[] };

/** The changes applied to the stored submission, through the cohort parser: every problem named by key. */
function applyChanges(system: System, d: Department, changes: WhatIfChanges): { department: Department; changed: string[] } | { problems: Problem[] } {
  const keys = whatIfKeys(system);
  const raw = departmentToJson(d) as {
    inputs: Record<string, string>;
    checklists: Record<string, boolean[]>;
    grades: Record<string, string>;
  };
  // departmentToJson hands back the stored objects themselves: copy what is written to.
  raw.grades = { ...raw.grades };
  raw.checklists = Object.fromEntries(Object.entries(raw.checklists).map(([k, v]) => [k, [...v]]));
  const problems: Problem[] = [];
  for (const [key, text] of Object.entries(changes)) {
    const kind = keys.get(key);
    const value = text.trim();
    if (kind === 'input') raw.inputs[key] = value;
    else if (kind === 'grade') raw.grades[key] = value;
    else if (kind === 'checklist') {
      const [, leaf, n] = /^(.+)\.(\d+)$/.exec(key)!;
      const v = value.toLowerCase();
      if (YES.has(v) || NO.has(v)) raw.checklists[leaf!]![Number(n) - 1] = YES.has(v);
      else problems.push({ department: d.code, field: key, message: `“${text}”不是 是/否`, reason: { kind: 'not_yes_no', text } });
    } else problems.push({ department: d.code, field: key, message: `不能试算的字段“${key}”` });
  }
  const parsed: Problem[] = [];
  const department = parseDepartment(raw, 0, system, parsed);
  // The parser names fields by path (inputs.budget, grades.satisfaction); the what-if by table key.
  for (const p of parsed) problems.push({ ...p, field: p.field?.replace(/^(inputs|grades|checklists)\./, '') });
  if (problems.length || !department) return { problems };
  const changed = [...keys.entries()]
    .filter(([key, kind]) => {
      if (kind === 'input') return !department.inputs[key]!.eq(d.inputs[key]!);
      if (kind === 'grade') return department.grades[key] !== d.grades[key];
      const [, leaf, n] = /^(.+)\.(\d+)$/.exec(key)!;
      return department.checklists[leaf!]![Number(n) - 1] !== d.checklists[leaf!]![Number(n) - 1];
    })
    .map(([key]) => key);
  return { department, changed };
}

function sameValue(a: MetricValue | undefined, b: MetricValue | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  return a.kind !== 'value' || compareValues(a, b) === 0;
}

/** Whether two statistics give every value the same score: same ends, both from the cohort or not. */
function sameScale(a: CohortStat, b: CohortStat): boolean {
  return a.basis === b.basis && a.fallback === b.fallback && sameEnds(a, b);
}

/**
 * Scores unit `code` with `changes` against its group, touching only what the change touches:
 * the unit's own leaves, and for a banded leaf whose min or max moves, the other in-band units of
 * that leaf. A change that changes nothing gives back the stored result, byte for byte.
 */
export function whatIf(
  system: System,
  departments: readonly Department[],
  scores: Scores,
  code: string,
  changes: WhatIfChanges,
  table?: GroupTable,
): WhatIfResult {
  const stored = departments.find((d) => d.code === code);
  const before = scores.departments.find((d) => d.code === code);
  if (!stored || !before) return { ok: false, problems: [{ department: code, message: `没有单位 ${code}` }] };
  const applied = applyChanges(system, stored, changes);
  if ('problems' in applied) return { ok: false, problems: applied.problems };
  const changedDept = applied.department;

  const t = table ?? groupTable(system, scores, before.group);
  const me = t.indexOf.get(code)!;
  const policy = scores.policy;
  const stats: Record<string, CohortStat> = { ...scores.cohort[before.group] };
  const totals = t.totals.slice();
  const scales: ScaleChange[] = [];
  for (const col of t.leaves) {
    const rule = col.kit.rule;
    const next = evalMetric(rule.metric, changedDept.inputs);
    if (next.kind === 'error' || sameValue(next, col.values[me])) continue;
    const values = col.values.slice();
    values[me] = next;
    const stat = col.kit.stat(values, policy);
    stats[col.code] = stat;
    if (sameScale(stat, col.stat)) continue;
    scales.push({ leaf: col.code, before: col.stat, after: stat });
    for (const i of col.inBand) {
      if (i !== me) totals[i] = totals[i]! + col.kit.score(col.values[i]!, stat).cents - col.cents[i]!;
    }
  }

  // The unit itself, by the engine, against the group's (possibly moved) statistics.
  const [mine] = scoreCohort(system, [changedDept], { policy, stats: { [before.group]: stats } }).departments;
  totals[me] = cents(mine!.total);
  const ranks = competitionRanks(totals);
  const department: DepartmentScore = { ...mine!, ...ranks[me]! };

  const others: WhatIfMove[] = [];
  let othersMoved = 0;
  t.members.forEach((d, i) => {
    if (i === me) return;
    const moved = totals[i] !== t.totals[i];
    if (moved) othersMoved++;
    if (!moved && ranks[i]!.rank === d.rank) return;
    others.push({ code: d.code, name: d.name, totalBefore: d.total, totalAfter: new D(totals[i]!).div(100), rankBefore: d.rank, rankAfter: ranks[i]!.rank });
  });
  return { ok: true, department, before, changed: applied.changed, others, othersMoved, scales };
}
