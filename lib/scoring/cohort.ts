import type { Decimal } from './decimal';
import { evalMetric, metricFields } from './metric';
import { parseDecimal } from './numbers';
import { resolveGrade } from './rules';
import { indexSystem } from './system-index';
import type { Cohort, Department, Problem, ProblemReason, System } from './types';

/** Departments without a group form one group (spec §2). */
export const DEFAULT_GROUP = '全部';

/** Department codes become URL segments, file names and account names: a safe set only (e.g. 单位编码 101001). */
export const DEPARTMENT_CODE_MAX = 64;
export const DEPARTMENT_CODE = new RegExp(`^[A-Za-z0-9_-]{1,${DEPARTMENT_CODE_MAX}}$`);
export const DEPARTMENT_CODE_RULE = '单位代码只能由字母、数字、下划线和连字符组成（最多 64 位，如 101001）';

export type CohortResult = { ok: true; cohort: Cohort } | { ok: false; problems: Problem[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a `dept-scorecard/cohort@1` document against a system. Every problem is collected,
 * so a department fixes its whole submission in one pass.
 */
export function parseCohort(raw: unknown, system: System): CohortResult {
  const problems: Problem[] = [];
  if (!isObj(raw)) return { ok: false, problems: [{ message: '文件内容应为 JSON 对象' }] };
  if (raw.format !== 'dept-scorecard/cohort@1') {
    problems.push({ field: 'format', message: `format 应为 "dept-scorecard/cohort@1"，实为 ${JSON.stringify(raw.format)}` });
  }
  const round = isObj(raw.round) ? raw.round : null;
  const roundName = typeof round?.name === 'string' && round.name.trim() ? round.name.trim() : null;
  const year = round?.year;
  if (!roundName) problems.push({ field: 'round.name', message: '缺少评价轮次名称 round.name' });
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 9999) {
    problems.push({ field: 'round.year', message: `round.year 应为四位年份，实为 ${JSON.stringify(year)}` });
  }
  if (!Array.isArray(raw.departments) || raw.departments.length === 0) {
    problems.push({ field: 'departments', message: 'departments 应为非空数组' });
    return { ok: false, problems };
  }
  const extra = Object.keys(raw).filter((k) => !['format', 'system', 'round', 'departments'].includes(k));
  for (const k of extra) problems.push({ field: k, message: `未知的键 ${k}` });

  const seen = new Set<string>();
  const departments: Department[] = [];
  raw.departments.forEach((d, i) => {
    const dept = parseDepartment(d, i, system, problems);
    // A duplicate is reported even when the department has other problems.
    const code = dept?.code ?? (isObj(d) && typeof d.code === 'string' ? d.code.trim() : '');
    if (code && seen.has(code)) problems.push({ department: code, field: 'code', message: `部门代码 ${code} 重复` });
    if (code) seen.add(code);
    if (dept) departments.push(dept);
  });

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    cohort: {
      system: typeof raw.system === 'string' ? raw.system : system.id,
      round: { name: roundName!, year: year as number },
      departments,
    },
  };
}

/** One department's submission; returns null only when it cannot even be identified. */
export function parseDepartment(raw: unknown, index: number, system: System, problems: Problem[]): Department | null {
  if (!isObj(raw)) {
    problems.push({ field: `departments.${index}`, message: `第 ${index + 1} 个部门应为对象` });
    return null;
  }
  const code = typeof raw.code === 'string' ? raw.code.trim() : '';
  const department = code || `#${index + 1}`;
  const report: Report = (field, message, reason) => problems.push({ department, field, message, ...(reason ? { reason } : {}) });
  if (!code) report('code', '缺少部门代码 code');
  else if (!DEPARTMENT_CODE.test(code)) report('code', `单位代码“${code}”无效：${DEPARTMENT_CODE_RULE}`);
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) report('name', '缺少部门名称 name');
  let group = DEFAULT_GROUP;
  if (raw.group !== undefined && raw.group !== null && raw.group !== '') {
    if (typeof raw.group === 'string') group = raw.group.trim();
    else report('group', 'group 应为文字');
  }
  const known = ['code', 'name', 'group', 'inputs', 'checklists', 'grades', 'judgements', 'self_scores'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) report(k, `未知的键 ${k}`);

  const idx = indexSystem(system);
  const before = problems.length;
  const inputs = parseInputs(raw.inputs, system, report);
  const checklists: Record<string, boolean[]> = {};
  const grades: Record<string, string> = {};
  const judgements: Record<string, Decimal> = {};

  const section = (key: string): Obj => {
    const v = raw[key];
    if (v === undefined) return {};
    if (isObj(v)) return v;
    report(key, `${key} 应为对象`);
    return {};
  };
  const rawChecklists = section('checklists');
  const rawGrades = section('grades');
  const rawJudgements = section('judgements');
  const expect = (obj: Obj, kind: string, codes: string[]) => {
    for (const k of Object.keys(obj)) if (!codes.includes(k)) report(`${kind}.${k}`, `体系中没有这个${kindName(kind)}指标`);
  };
  expect(rawChecklists, 'checklists', idx.checklistLeaves.map((l) => l.leaf.code));
  expect(rawGrades, 'grades', idx.gradeLeaves.map((l) => l.leaf.code));
  expect(rawJudgements, 'judgements', idx.judgementLeaves.map((l) => l.leaf.code));

  for (const { leaf } of idx.checklistLeaves) {
    if (leaf.rule.kind !== 'checklist') continue;
    const v = rawChecklists[leaf.code];
    const field = `checklists.${leaf.code}`;
    if (v === undefined) report(field, `缺少${leaf.name}的 ${leaf.rule.items.length} 项评价要点`);
    else if (!Array.isArray(v) || v.some((b) => typeof b !== 'boolean')) report(field, '应为 true/false 数组');
    else if (v.length !== leaf.rule.items.length) report(field, `应有 ${leaf.rule.items.length} 项，实有 ${v.length} 项`);
    else checklists[leaf.code] = v as boolean[];
  }
  for (const { leaf } of idx.gradeLeaves) {
    if (leaf.rule.kind !== 'grade') continue;
    const v = rawGrades[leaf.code];
    const field = `grades.${leaf.code}`;
    const labels = leaf.rule.grades.map((g) => g.label).join('/');
    if (v === undefined) report(field, `缺少${leaf.name}的等级（${labels}）`);
    else if (typeof v !== 'string') report(field, `应为等级文字（${labels}）`);
    else {
      const label = resolveGrade(leaf.rule, v);
      if (label) grades[leaf.code] = label;
      else report(field, `未知的等级“${v}”，应为 ${labels}`, { kind: 'unknown_grade', text: v, labels: leaf.rule.grades.map((g) => g.label) });
    }
  }
  for (const { leaf } of idx.judgementLeaves) {
    const field = `judgements.${leaf.code}`;
    const v = rawJudgements[leaf.code];
    // Not evaluated yet: the leaf is pending (spec §7), never an error.
    if (v === undefined) continue;
    const p = parseDecimal(v);
    if (!p.ok) report(field, p.message);
    else if (p.value.isNeg() || p.value.gt(leaf.weight)) report(field, `评分 ${p.value} 超出 0–${leaf.weight}`);
    else if (p.value.decimalPlaces() > 2) report(field, `评分 ${p.value} 最多 2 位小数`);
    else judgements[leaf.code] = p.value;
  }

  const self_scores = parseSelfScores(raw.self_scores, system, report);

  // Zero denominators and part-of-whole ratios can only be judged on inputs that parsed; each ratio
  // is judged on its own, so one bad field does not hide another's problem.
  for (const { leaf } of idx.leaves) {
    if (leaf.rule.kind !== 'banded' && leaf.rule.kind !== 'proportional') continue;
    if (!metricFields(leaf.rule.metric).every((f) => f in inputs)) continue;
    const r = evalMetric(leaf.rule.metric, inputs);
    if (r.kind !== 'error') continue;
    const name = (key: string) => system.fields[key]?.name ?? key;
    if (r.problem === 'zero_denominator') report(`inputs.${r.field}`, `${name(r.field)}作分母，不能为 0（${leaf.name}）`, { kind: 'zero_denominator', leaf: leaf.code });
    else {
      const [value, whole] = [inputs[r.field]!.toString(), inputs[r.whole]!.toString()];
      report(`inputs.${r.field}`, `${name(r.field)}（${value}）不能大于 ${name(r.whole)}（${whole}）（${leaf.name}）`, {
        kind: 'part_exceeds_whole',
        value,
        whole: r.whole,
        wholeValue: whole,
        leaf: leaf.code,
      });
    }
  }
  if (problems.length !== before) return null;
  return { code, name, group, inputs, checklists, grades, judgements, ...(self_scores ? { self_scores } : {}) };
}

function kindName(kind: string): string {
  return kind === 'checklists' ? '评价要点类' : kind === 'grades' ? '等级类' : '评价人评分类';
}

type Report = (field: string, message: string, reason?: ProblemReason) => void;

function parseInputs(raw: unknown, system: System, report: Report): Record<string, Decimal> {
  const out: Record<string, Decimal> = {};
  const fields = indexSystem(system).inputFields;
  if (!isObj(raw)) {
    report('inputs', 'inputs 应为对象');
    return out;
  }
  for (const k of Object.keys(raw)) if (!fields.includes(k)) report(`inputs.${k}`, `未知的字段 ${k}`);
  for (const key of fields) {
    const info = system.fields[key];
    const label = info?.name ?? key;
    const field = `inputs.${key}`;
    if (!(key in raw)) {
      report(field, `缺少${label}`, { kind: 'missing' });
      continue;
    }
    const p = parseDecimal(raw[key]);
    if (!p.ok) {
      report(field, `${label}${p.message}`, { kind: 'not_number', text: String(raw[key]) });
      continue;
    }
    const v = p.value;
    if (v.isNeg()) report(field, `${label}不能为负数（${v}）`, { kind: 'negative', value: v.toString() });
    else if (info?.integer && !v.isInteger()) report(field, `${label}应为整数（${v}）`, { kind: 'not_integer', value: v.toString() });
    else if (info?.positive && v.isZero()) report(field, `${label}须大于 0`, { kind: 'not_positive' });
    else out[key] = v;
  }
  return out;
}

function parseSelfScores(
  raw: unknown,
  system: System,
  report: Report,
): Partial<Record<string, Decimal>> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObj(raw)) {
    report('self_scores', 'self_scores 应为对象');
    return undefined;
  }
  const idx = indexSystem(system);
  const out: Partial<Record<string, Decimal>> = {};
  for (const [k, v] of Object.entries(raw)) {
    const field = `self_scores.${k}`;
    const max = k === 'total' ? system.total : idx.byCode.get(k)?.leaf.weight;
    if (!max) {
      report(field, `体系中没有末级指标 ${k}`);
      continue;
    }
    const p = parseDecimal(v);
    if (!p.ok) report(field, p.message);
    else if (p.value.isNeg() || p.value.gt(max)) report(field, `自评分 ${p.value} 超出 0–${max}`);
    else out[k] = p.value;
  }
  return out;
}

/** Rebuilds the interchange form of a department, e.g. for export. Decimals become strings. */
export function departmentToJson(d: Department): Obj {
  const strings = (r: Record<string, Decimal>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toFixed()]));
  const out: Obj = {
    code: d.code,
    name: d.name,
    group: d.group,
    inputs: strings(d.inputs),
    checklists: d.checklists,
    grades: d.grades,
    judgements: strings(d.judgements),
  };
  if (d.self_scores) out.self_scores = strings(d.self_scores as Record<string, Decimal>);
  return out;
}

export function cohortToJson(c: Cohort): Obj {
  return { format: 'dept-scorecard/cohort@1', system: c.system, round: c.round, departments: c.departments.map(departmentToJson) };
}

