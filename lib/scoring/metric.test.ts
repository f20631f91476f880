import { describe, expect, it } from 'vitest';
import { formatProblem, scoresToJson } from '@/lib/scoring';
import { JULU, banded, juluDept, leaf, leafOf, problemsOf, ratio, score, scoreText, system, textOf } from '@/tests/scoring/helpers';

const run = (inputs: Record<string, unknown>) => score(JULU, [juluDept('d', { inputs })]);
const reject = (inputs: Record<string, unknown>) => problemsOf(JULU, [juluDept('d', { inputs })]);

describe('not applicable (spec §3): full marks, status not_applicable', () => {
  it.each([
    ['key_spending', { key_project_spending: 0, total_project_spending: 0 }, '2.00'],
    ['procurement_execution', { procurement_actual: 0, procurement_budgeted: 0 }, '4.00'],
    ['project_quality', { projects_qualified: 0, projects_completed: 0 }, '15.00'],
  ])('%s with a zero denominator gets full marks', (code, inputs, expected) => {
    const s = run(inputs);
    const l = leafOf(s, 'd', code);
    expect(l.score.toFixed(2)).toBe(expected);
    expect(l.status).toBe('not_applicable');
    expect(l.value).toEqual({ kind: 'not_applicable' });
    expect(textOf(JULU, l).valueText).toBe('不适用');
  });

  it('三公经费 with both years at 0 is not applicable and scores full marks', () => {
    const l = leafOf(run({ three_public_prev: 0, three_public_curr: 0 }), 'd', 'three_public_change');
    expect(l.score.toFixed(2)).toBe('2.00');
    expect(l.status).toBe('not_applicable');
    expect(textOf(JULU, l).formula).toBe('上年度“三公经费”预算总额与本年度“三公经费”预算总额均为 0，不适用，得满分 = 2.00');
  });

  it('a not-applicable value is printed without a value in the Scores JSON', () => {
    const json = scoresToJson(run({ projects_qualified: 0, projects_completed: 0 })) as {
      departments: { indicators: Record<string, Record<string, unknown>> }[];
    };
    expect(json.departments[0]!.indicators.project_quality).toEqual({ score: '15.00', status: 'not_applicable' });
  });

  it('a custom system that declares on_zero: not_applicable treats a zero denominator as not applicable', () => {
    const sys = system([leaf('ks', 10, banded(ratio('key_project_spending', 'total_project_spending', { on_zero: 'not_applicable' }), 'higher', '0.95', '0.85'))]);
    const s = score(sys, [{ code: 'a', name: 'A', inputs: { key_project_spending: 0, total_project_spending: 0 }, judgements: { rest: 0 } }]);
    expect(leafOf(s, 'a', 'ks').status).toBe('not_applicable');
  });

  it('the system decides, not the field name: undeclared, a zero total_project_spending is an input error', () => {
    const sys = system([leaf('ks', 10, banded(ratio('key_project_spending', 'total_project_spending'), 'higher', '0.95', '0.85'))]);
    const problems = problemsOf(sys, [{ code: 'a', name: 'A', inputs: { key_project_spending: 0, total_project_spending: 0 }, judgements: { rest: 0 } }]);
    expect(problems).toMatchObject([{ department: 'a', field: 'inputs.total_project_spending' }]);
  });

  it('a not-applicable denominator of any name works when declared', () => {
    const sys = system([leaf('r', 10, banded(ratio('done', 'planned', { on_zero: 'not_applicable' }), 'higher', '1', '0.5'))]);
    const s = score(sys, [{ code: 'a', name: 'A', inputs: { done: 0, planned: 0 }, judgements: { rest: 0 } }]);
    expect(leafOf(s, 'a', 'r').status).toBe('not_applicable');
  });

  it('a system may declare a zero denominator an error even for a not-applicable field', () => {
    const sys = system([leaf('ks', 10, banded(ratio('key_project_spending', 'total_project_spending', { on_zero: 'error' }), 'higher', '0.95', '0.85'))]);
    const problems = problemsOf(sys, [{ code: 'a', name: 'A', inputs: { key_project_spending: 0, total_project_spending: 0 }, judgements: { rest: 0 } }]);
    expect(problems).toMatchObject([{ department: 'a', field: 'inputs.total_project_spending' }]);
  });
});

describe('infinite change (spec §3)', () => {
  it('三公经费 rising from 0 to a positive amount scores zero with status zero', () => {
    const s = run({ three_public_prev: 0, three_public_curr: '0.5' });
    const l = leafOf(s, 'd', 'three_public_change');
    expect(l.score.toFixed(2)).toBe('0.00');
    expect(l.status).toBe('zero');
    expect(l.value).toEqual({ kind: 'infinite' });
    expect(textOf(JULU, l).valueText).toBe('∞');
    expect(textOf(JULU, l).formula).toContain('变动率为无穷大');
  });

  it('an infinite change prints as Infinity in the Scores JSON', () => {
    const json = scoresToJson(run({ three_public_prev: 0, three_public_curr: 1 })) as {
      departments: { indicators: Record<string, Record<string, unknown>> }[];
    };
    expect(json.departments[0]!.indicators.three_public_change).toEqual({ score: '0.00', status: 'zero', value: 'Infinity' });
  });
});

describe('input errors (spec §3)', () => {
  it.each([
    ['budget', { budget: 0 }],
    ['payment_target', { payment_target: 0 }],
    ['expenditure_budget', { expenditure_budget: 0 }],
    ['public_expense_budget', { public_expense_budget: 0 }],
    ['fixed_assets_total', { fixed_assets_total: 0, fixed_assets_in_use: 0 }],
  ])('any other zero denominator (%s) is an error naming the department and the field', (field, inputs) => {
    const problems = reject(inputs);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ department: 'd', field: `inputs.${field}` });
    expect(formatProblem(problems[0]!)).toContain(`部门 d · 字段 inputs.${field}`);
  });

  it('staff_authorized = 0 is an error: 编制数 must be positive', () => {
    const problems = reject({ staff_authorized: 0, staff_actual: 0 });
    expect(problems).toMatchObject([{ department: 'd', field: 'inputs.staff_authorized' }]);
    expect(problems[0]!.message).toContain('编制数');
  });

  it('a negative amount is an error naming the field', () => {
    const problems = reject({ carryover: '-0.01' });
    expect(problems).toMatchObject([{ department: 'd', field: 'inputs.carryover' }]);
    expect(problems[0]!.message).toContain('不能为负数');
  });

  it.each(['staff_actual', 'procurement_budgeted', 'projects_completed'])('a non-integer count (%s = 2.5) is an error', (field) => {
    const problems = reject({ [field]: '2.5' });
    expect(problems).toContainEqual(expect.objectContaining({ department: 'd', field: `inputs.${field}` }));
    expect(problems.find((p) => p.field === `inputs.${field}`)!.message).toContain('应为整数');
  });

  it('a count written as 3.0 is a whole number and accepted', () => {
    expect(scoreText(run({ procurement_actual: '3.0', procurement_budgeted: 3 }), 'd', 'procurement_execution')).toBe('4.00');
  });

  it.each([
    ['key_project_spending', 'total_project_spending', { key_project_spending: '312.51', total_project_spending: '312.5' }],
    ['fixed_assets_in_use', 'fixed_assets_total', { fixed_assets_in_use: 104, fixed_assets_total: '103.63454' }],
    ['projects_qualified', 'projects_completed', { projects_qualified: 11, projects_completed: 10 }],
    ['procurement_actual', 'procurement_budgeted', { procurement_actual: 4, procurement_budgeted: 3 }],
  ])('%s above %s is an error naming the numerator, the whole by its name (never its key)', (num, den, inputs) => {
    const problems = reject(inputs);
    expect(problems).toMatchObject([{ department: 'd', field: `inputs.${num}`, reason: { kind: 'part_exceeds_whole', whole: den } }]);
    expect(problems[0]!.message).toContain(`不能大于 ${JULU.fields[den]!.name}（`);
    expect(problems[0]!.message).not.toContain(den);
  });

  it.each([
    ['key_project_spending', { key_project_spending: 5, total_project_spending: 0 }],
    ['procurement_actual', { procurement_actual: 2, procurement_budgeted: 0 }],
    ['projects_qualified', { projects_qualified: 3, projects_completed: 0 }],
  ])('a part (%s) with a whole of 0 is an error, not a not-applicable full mark', (num, inputs) => {
    expect(reject(inputs)).toMatchObject([{ department: 'd', field: `inputs.${num}` }]);
  });

  it('a custom system ratio declared at_most_one is capped at 100%', () => {
    const sys = system([leaf('q', 10, banded(ratio('projects_qualified', 'projects_completed', { at_most_one: true }), 'higher', '1', '0.9'))]);
    const problems = problemsOf(sys, [{ code: 'a', name: 'A', inputs: { projects_qualified: 3, projects_completed: 2 }, judgements: { rest: 0 } }]);
    expect(problems).toMatchObject([{ department: 'a', field: 'inputs.projects_qualified' }]);
  });

  it('the system decides, not the field names: undeclared, the same pair may exceed 100%', () => {
    const sys = system([leaf('q', 10, banded(ratio('projects_qualified', 'projects_completed'), 'higher', '1', '0.9'))]);
    const s = score(sys, [{ code: 'a', name: 'A', inputs: { projects_qualified: 3, projects_completed: 2 }, judgements: { rest: 0 } }]);
    expect(leafOf(s, 'a', 'q').status).toBe('full');
  });
});

describe('other rates may exceed 100%', () => {
  it('more staff than posts, spending above budget and overpayment are all scored, not rejected', () => {
    const s = run({
      staff_authorized: 56,
      staff_actual: 70,
      budget: 100,
      budget_completed: 130,
      budget_adjusted: 5,
      public_expense_actual: 120,
      public_expense_budget: 100,
      payments: 1300,
      payment_target: 1000,
      carryover: 80,
      expenditure_budget: 40,
    });
    expect(scoreText(s, 'd', 'staff_control')).toBe('0.00');
    expect(scoreText(s, 'd', 'budget_completion')).toBe('5.00');
    expect(scoreText(s, 'd', 'public_expense_control')).toBe('0.00');
    expect(scoreText(s, 'd', 'payment_progress')).toBe('5.00');
    expect(scoreText(s, 'd', 'carryover')).toBe('0.00');
    expect(textOf(JULU, leafOf(s, 'd', 'carryover')).valueText).toBe('200.00%');
  });
});
