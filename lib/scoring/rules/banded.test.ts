import { describe, expect, it } from 'vitest';
import { JULU, banded, bandedOf, change, juluDept, leaf, leafOf, ratio, score, scoreText, system, textOf } from '@/tests/scoring/helpers';

// Under `thresholds` a banded score depends only on the department's own value, so these tests
// read one department at a time.
const T = { interpolation: 'thresholds' };

describe('banded rule, lower is better, ratio metric', () => {
  const sys = system([leaf('ctl', 1, banded(ratio('actual', 'authorized'), 'lower', '1', '1.15'), '控制率')], T);
  const one = (actual: number, authorized: number) => score(sys, [{ code: 'a', name: 'A', inputs: { actual, authorized }, judgements: { rest: 0 } }]);

  it('a value below the full-marks line scores the weight', () => {
    const s = one(90, 100);
    expect(scoreText(s, 'a', 'ctl')).toBe('1.00');
    expect(leafOf(s, 'a', 'ctl').status).toBe('full');
  });

  it('a value above the zero line scores zero', () => {
    const s = one(120, 100);
    expect(scoreText(s, 'a', 'ctl')).toBe('0.00');
    expect(leafOf(s, 'a', 'ctl').status).toBe('zero');
  });

  it('a value inside the band is interpolated between the thresholds', () => {
    // (115% − 107.5%) / (115% − 100%) × 1 = 0.5
    const s = one(1075, 1000);
    expect(scoreText(s, 'a', 'ctl')).toBe('0.50');
    expect(leafOf(s, 'a', 'ctl').status).toBe('interpolated');
  });
});

describe('banded rule, higher is better, ratio metric', () => {
  const sys = system([leaf('done', 5, banded(ratio('completed', 'budget'), 'higher', '0.95', '0.85'), '完成率')], T);
  const one = (completed: number) => score(sys, [{ code: 'a', name: 'A', inputs: { completed, budget: 100 }, judgements: { rest: 0 } }]);

  it('a value above the full-marks line scores the weight', () => {
    expect(scoreText(one(97), 'a', 'done')).toBe('5.00');
    expect(leafOf(one(97), 'a', 'done').status).toBe('full');
  });

  it('a value below the zero line scores zero', () => {
    expect(scoreText(one(80), 'a', 'done')).toBe('0.00');
    expect(leafOf(one(80), 'a', 'done').status).toBe('zero');
  });

  it('a value inside the band is interpolated upward from the zero line', () => {
    // (92% − 85%) / (95% − 85%) × 5 = 3.5
    expect(scoreText(one(92), 'a', 'done')).toBe('3.50');
  });
});

describe('banded rule on a change metric', () => {
  it('lower is better: a cut scores full, a rise scores zero, a small rise is interpolated', () => {
    const sys = system([leaf('chg', 2, banded(change('curr', 'prev'), 'lower', '-0.05', '0.1'))], T);
    const s = score(sys, [
      { code: 'cut', name: '降', inputs: { prev: 100, curr: 90 }, judgements: { rest: 0 } },
      { code: 'rise', name: '升', inputs: { prev: 100, curr: 110 }, judgements: { rest: 0 } },
      { code: 'small', name: '微升', inputs: { prev: 100, curr: '102.5' }, judgements: { rest: 0 } },
    ]);
    expect(scoreText(s, 'cut', 'chg')).toBe('2.00');
    expect(scoreText(s, 'rise', 'chg')).toBe('0.00');
    // (10% − 2.5%) / (10% − (−5%)) × 2 = 1
    expect(scoreText(s, 'small', 'chg')).toBe('1.00');
    expect(textOf(sys, leafOf(s, 'small', 'chg')).valueText).toBe('2.50%');
  });

  it('higher is better: growth inside the band is interpolated, a fall scores zero', () => {
    const sys = system([leaf('grow', 4, banded(change('curr', 'prev'), 'higher', '0.1', '0'))], T);
    const s = score(sys, [
      { code: 'up', name: '增', inputs: { prev: 200, curr: 210 }, judgements: { rest: 0 } },
      { code: 'down', name: '减', inputs: { prev: 200, curr: 190 }, judgements: { rest: 0 } },
      { code: 'boom', name: '大增', inputs: { prev: 200, curr: 260 }, judgements: { rest: 0 } },
    ]);
    // (5% − 0%) / (10% − 0%) × 4 = 2
    expect(scoreText(s, 'up', 'grow')).toBe('2.00');
    expect(scoreText(s, 'down', 'grow')).toBe('0.00');
    expect(scoreText(s, 'boom', 'grow')).toBe('4.00');
  });
});

describe('values exactly on the thresholds of julu-2021 (exact decimals, never rounded percentages)', () => {
  const run = (inputs: Record<string, unknown>) => score(JULU, [juluDept('d', { inputs })], 'thresholds');

  it('a department exactly at 115% staff control scores zero', () => {
    const s = run({ staff_authorized: 100, staff_actual: 115 });
    expect(scoreText(s, 'd', 'staff_control')).toBe('0.00');
    expect(leafOf(s, 'd', 'staff_control').status).toBe('zero');
  });

  it('a department exactly at 100% staff control scores full marks', () => {
    const s = run({ staff_authorized: 56, staff_actual: 56 });
    expect(scoreText(s, 'd', 'staff_control')).toBe('1.00');
    expect(leafOf(s, 'd', 'staff_control').status).toBe('full');
  });

  it('99.999999% staff control is below the line and scores full marks', () => {
    const s = run({ staff_authorized: 100_000_000, staff_actual: 99_999_999 });
    expect(leafOf(s, 'd', 'staff_control').status).toBe('full');
  });

  it('100.000001% staff control prints as 100.00% but is inside the band, not full', () => {
    const s = run({ staff_authorized: 100_000_000, staff_actual: 100_000_001 });
    const l = leafOf(s, 'd', 'staff_control');
    expect(textOf(JULU, l).valueText).toBe('100.00%');
    expect(l.status).toBe('interpolated');
    expect(bandedOf(l).band).toBe('in_band');
  });

  it('114.999999% staff control is still inside the band, 115.000001% is in the zero band', () => {
    const below = leafOf(run({ staff_authorized: 100_000_000, staff_actual: 114_999_999 }), 'd', 'staff_control');
    const above = leafOf(run({ staff_authorized: 100_000_000, staff_actual: 115_000_001 }), 'd', 'staff_control');
    expect(textOf(JULU, below).valueText).toBe('115.00%');
    expect(below.status).toBe('interpolated');
    expect(above.status).toBe('zero');
  });

  it('a 三公经费 change of exactly −5% scores full marks', () => {
    const s = run({ three_public_prev: 100, three_public_curr: 95 });
    expect(scoreText(s, 'd', 'three_public_change')).toBe('2.00');
    expect(leafOf(s, 'd', 'three_public_change').status).toBe('full');
  });

  it('a 三公经费 rise from 3 to 3.3 is exactly 10% and scores zero', () => {
    // In binary floating point (3.3 − 3) / 3 is 0.0999…; the engine must see exactly 10%.
    const s = run({ three_public_prev: 3, three_public_curr: '3.3' });
    expect(scoreText(s, 'd', 'three_public_change')).toBe('0.00');
    expect(leafOf(s, 'd', 'three_public_change').status).toBe('zero');
  });

  it('a 三公经费 fall from 0.6 to 0.57 is exactly −5% and scores full marks', () => {
    const s = run({ three_public_prev: '0.6', three_public_curr: '0.57' });
    expect(leafOf(s, 'd', 'three_public_change').status).toBe('full');
  });

  it.each([
    ['key_spending', { key_project_spending: 95, total_project_spending: 100 }, '2.00', 'full'],
    ['key_spending', { key_project_spending: 85, total_project_spending: 100 }, '0.00', 'zero'],
    ['budget_completion', { budget: 100, budget_completed: 95 }, '5.00', 'full'],
    ['budget_completion', { budget: 100, budget_completed: 85 }, '0.00', 'zero'],
    ['budget_adjustment', { budget: 100, budget_adjusted: 0 }, '3.00', 'full'],
    ['budget_adjustment', { budget: 100, budget_adjusted: 10 }, '0.00', 'zero'],
    ['carryover', { carryover: 0 }, '4.00', 'full'],
    ['carryover', { carryover: 50, expenditure_budget: 100 }, '0.00', 'zero'],
    ['public_expense_control', { public_expense_actual: 100, public_expense_budget: 100 }, '4.00', 'full'],
    ['public_expense_control', { public_expense_actual: 105, public_expense_budget: 100 }, '0.00', 'zero'],
    ['procurement_execution', { procurement_actual: 10, procurement_budgeted: 10 }, '4.00', 'full'],
    ['procurement_execution', { procurement_actual: 9, procurement_budgeted: 10 }, '0.00', 'zero'],
    ['fixed_asset_utilization', { fixed_assets_in_use: 95, fixed_assets_total: 100 }, '3.00', 'full'],
    ['fixed_asset_utilization', { fixed_assets_in_use: 85, fixed_assets_total: 100 }, '0.00', 'zero'],
    ['project_quality', { projects_qualified: 100, projects_completed: 100 }, '15.00', 'full'],
    ['project_quality', { projects_qualified: 99, projects_completed: 100 }, '0.00', 'zero'],
  ])('%s exactly on a threshold (%o) scores %s with status %s', (code, inputs, expected, status) => {
    const s = run(inputs);
    expect(scoreText(s, 'd', code)).toBe(expected);
    expect(leafOf(s, 'd', code).status).toBe(status);
  });
});
