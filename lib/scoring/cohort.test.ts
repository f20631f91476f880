import { describe, expect, it } from 'vitest';
import { cohortToJson, DEFAULT_GROUP, formatProblem, parseCohort, parseDepartment, type Problem } from '@/lib/scoring';
import { JULU, cohortDoc, juluDept, parse, problemsOf, type Json } from '@/tests/scoring/helpers';

const without = (obj: Json, key: string): Json => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
const seedInputs = juluDept('x').inputs as Json;
const at = (problems: Problem[], department: string, field: string) =>
  problems.filter((p) => p.department === department && p.field === field);

describe('cohort validation collects every problem with department code and field', () => {
  const problems = problemsOf(JULU, [
    juluDept('malformed', { inputs: { fixed_assets_total: '18.8841.4' } }),
    juluDept('negative', { inputs: { carryover: -3 } }),
    { ...juluDept('missing'), inputs: without(seedInputs, 'budget') },
    juluDept('unknown', { inputs: { coffee_budget: 1 } }),
    juluDept('short', { checklists: { disclosure: [true, true] } }),
    juluDept('generous', { judgements: { economic_benefit: 6 } }),
    juluDept('grade', { grades: { satisfaction: 'A+' } }),
    juluDept('twin'),
    juluDept('twin'),
  ]);

  it.each([
    ['malformed', 'inputs.fixed_assets_total', '18.8841.4'],
    ['negative', 'inputs.carryover', '不能为负数'],
    ['missing', 'inputs.budget', '缺少预算数'],
    ['unknown', 'inputs.coffee_budget', '未知的字段'],
    ['short', 'checklists.disclosure', '应有 3 项，实有 2 项'],
    ['generous', 'judgements.economic_benefit', '超出 0–5'],
    ['grade', 'grades.satisfaction', 'A+'],
    ['twin', 'code', '重复'],
  ])('department %s: %s (%s)', (department, field, text) => {
    const found = at(problems, department, field);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(text);
  });

  it('reports nothing else: one problem per bad department', () => {
    expect(problems).toHaveLength(8);
  });

  it('every problem formats to one line naming the department and the field', () => {
    for (const p of problems) {
      const line = formatProblem(p);
      expect(line).toContain(`部门 ${p.department}`);
      expect(line).toContain(`字段 ${p.field}`);
      expect(line).not.toContain('\n');
    }
  });
});

describe('every problem of one department is listed', () => {
  it('a malformed number, a wrong checklist and an unknown grade in one department are all reported', () => {
    const problems = problemsOf(JULU, [
      juluDept('d', {
        inputs: { budget: '1,049.6', staff_actual: '55.5' },
        checklists: { fund_compliance: [true] },
        grades: { satisfaction: '优' },
        judgements: { social_benefit: '4.999' },
      }),
    ]);
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['checklists.fund_compliance', 'grades.satisfaction', 'inputs.budget', 'inputs.staff_actual', 'judgements.social_benefit'].sort(),
    );
  });

  it('a zero denominator is reported even when another field of the department is also wrong', () => {
    const problems = problemsOf(JULU, [juluDept('d', { inputs: { carryover: -1, payment_target: 0 } })]);
    expect(problems.map((p) => p.field).sort()).toEqual(['inputs.carryover', 'inputs.payment_target']);
  });

  it('a duplicate code is reported even when one of the duplicates has other problems', () => {
    const problems = problemsOf(JULU, [juluDept('twin'), juluDept('twin', { inputs: { carryover: -1 } })]);
    expect(problems).toContainEqual(expect.objectContaining({ department: 'twin', field: 'code' }));
    expect(problems).toContainEqual(expect.objectContaining({ department: 'twin', field: 'inputs.carryover' }));
  });

  it('missing sections are reported per leaf; missing evaluations are not problems but pending leaves', () => {
    const raw = without(without(without(juluDept('d'), 'checklists'), 'grades'), 'judgements');
    const problems = problemsOf(JULU, [raw]);
    expect(problems).toHaveLength(7 + 1);
    expect(problems.every((p) => p.department === 'd')).toBe(true);
  });

  it('a department code outside [A-Za-z0-9_-] is refused, naming the code', () => {
    const problems = problemsOf(JULU, [juluDept('单位 1'), juluDept('a/b'), juluDept('101001'), juluDept('ok_unit-2')]);
    expect(problems.map((p) => [p.department, p.field])).toEqual([
      ['单位 1', 'code'],
      ['a/b', 'code'],
    ]);
    expect(problems[0]!.message).toContain('字母、数字、下划线和连字符');
  });

  it('a department without a code is named by its position', () => {
    const problems = problemsOf(JULU, [juluDept('ok'), { ...without(juluDept('x'), 'code') }]);
    expect(problems).toEqual([{ department: '#2', field: 'code', message: '缺少部门代码 code' }]);
  });

  it('an unknown key, an unknown checklist leaf and an out-of-range self-score are reported', () => {
    const problems = problemsOf(JULU, [
      { ...juluDept('d', { checklists: { coffee: [true] }, self_scores: { satisfaction: 6, nonsense: 1 } }), color: 'red' },
    ]);
    expect(problems.map((p) => p.field).sort()).toEqual(['checklists.coffee', 'color', 'self_scores.nonsense', 'self_scores.satisfaction']);
  });
});

describe('the cohort document', () => {
  it('a wrong format, a missing round name and a bad year are each reported', () => {
    const r = parseCohort({ format: 'cohort@0', round: { year: 21 }, departments: [juluDept('d')] }, JULU);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['format', 'round.name', 'round.year']);
  });

  it('an empty department list is rejected', () => {
    const r = parseCohort(cohortDoc(JULU, []), JULU);
    expect(r).toEqual({ ok: false, problems: [{ field: 'departments', message: 'departments 应为非空数组' }] });
  });

  it('something that is not an object is rejected with a message, not a crash', () => {
    for (const raw of [null, 42, 'text', []]) {
      expect(parseCohort(raw, JULU)).toEqual({ ok: false, problems: [{ message: '文件内容应为 JSON 对象' }] });
    }
  });

  it('a department without a group joins the default group', () => {
    const [d] = parse(JULU, [without(juluDept('d'), 'group')]);
    expect(d!.group).toBe(DEFAULT_GROUP);
    expect(DEFAULT_GROUP).toBe('全部');
  });

  it('decimals in strings are kept exactly, and the interchange form round-trips', () => {
    const r = parseCohort(cohortDoc(JULU, [juluDept('d')]), JULU);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cohort.departments[0]!.inputs.fixed_assets_total!.toFixed()).toBe('103.63454');
    const again = parseCohort(cohortToJson(r.cohort), JULU);
    expect(again).toEqual(r);
  });

  it('parseDepartment reports into the given list for a single web-form submission', () => {
    const problems: Problem[] = [];
    const d = parseDepartment(juluDept('d', { inputs: { budget: -1 } }), 0, JULU, problems);
    expect(d).toBeNull();
    expect(problems).toMatchObject([{ department: 'd', field: 'inputs.budget' }]);
  });
});
