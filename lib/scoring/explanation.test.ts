import { describe, expect, it } from 'vitest';
import { D, scoresToJson } from '@/lib/scoring';
import { JULU, bandedOf, deptOf, juluDept, leafOf, score, textOf } from '@/tests/scoring/helpers';

// Three townships whose 在职人员控制率 are 43/42 = 102.38%, 45/42 = 107.14% and 42/38 = 110.53%,
// the numbers of the example formula.
const staff = (code: string, actual: number, authorized: number) =>
  juluDept(code, { inputs: { staff_actual: actual, staff_authorized: authorized } });
const s = score(JULU, [staff('lo', 43, 42), staff('mid', 45, 42), staff('hi', 42, 38)]);
const mid = leafOf(s, 'mid', 'staff_control');
const midText = textOf(JULU, mid);

describe('the explanation of an interpolated banded score', () => {
  it('the formula has the min, max, x percentages, the weight and the rounded score filled in', () => {
    expect(mid.score.toFixed(2)).toBe('0.42');
    expect(midText.formula).toContain('得分 = (max − x) / (max − min) × 分值 = (110.53% − 107.14%) / (110.53% − 102.38%) × 1 = 0.42');
    expect(midText.formula).toContain('同组 3 个可比值');
  });

  it('records the policy, the basis, the qualifying count and the exact min and max used', () => {
    const e = bandedOf(mid);
    expect(e).toMatchObject({ rule: 'banded', policy: 'cohort-in-band', band: 'in_band', better: 'lower' });
    expect(e.interpolation).toMatchObject({ basis: 'cohort', qualifying: 3, fallback: false, terms: { x: '107.14', min: '102.38', max: '110.53' } });
    expect(new D(e.interpolation!.min).eq(new D(43).div(42))).toBe(true);
    expect(new D(e.interpolation!.max).eq(new D(42).div(38))).toBe(true);
    expect(e.full === '1' && e.zero === '1.15').toBe(true);
  });

  it('shows the value as a percentage and the raw inputs as given', () => {
    expect(midText.valueText).toBe('107.14%');
    expect(mid.explanation.inputs).toEqual({ staff_actual: '45', staff_authorized: '42' });
  });

  it('states the rule in words', () => {
    expect(midText.ruleText).toBe('≤ 100.00% 得满分；≥ 115.00% 得 0 分；之间按同组区间内的 max/min 插值');
  });

  it('the target says what earns full marks, in the leaf name and in staff numbers', () => {
    expect(midText.target).toContain('在职人员控制率 ≤ 100.00% 可得满分');
    expect(midText.target).toBe('在职人员控制率 ≤ 100.00% 可得满分（在职人员数 ≤ 42 人）');
  });

  it('the explanation is in the Scores JSON when asked for, with decimals as strings', () => {
    const json = scoresToJson(s, { explain: true }) as { departments: { code: string; indicators: Record<string, { explanation?: Record<string, unknown> }> }[] };
    const e = json.departments.find((d) => d.code === 'mid')!.indicators.staff_control!.explanation!;
    // The structured form itself, as in memory: a reader of the JSON renders the same formula.
    expect(e).toEqual(mid.explanation);
    expect(textOf(JULU, { ...mid, explanation: e as unknown as typeof mid.explanation }).formula).toBe(midText.formula);
    expect(e.full).toBe('1');
    expect(e.zero).toBe('1.15');
    expect(typeof (e.interpolation as Record<string, unknown>).min).toBe('string');
    const plain = scoresToJson(s) as typeof json;
    expect(plain.departments.find((d) => d.code === 'mid')!.indicators.staff_control!.explanation).toBeUndefined();
  });
});

describe('targets of other leaves', () => {
  const one = score(JULU, [juluDept('d', { inputs: { three_public_prev: '12.6', three_public_curr: '13' } })], 'thresholds');

  it('a change target gives the current-year amount that earns full marks', () => {
    // 12.6 × (1 − 5%) = 11.97
    expect(textOf(JULU, leafOf(one, 'd', 'three_public_change')).target).toBe(
      '“三公经费”变动率 ≤ -5.00% 可得满分（本年度“三公经费”预算总额 ≤ 11.97 万元）',
    );
  });

  it('a higher-is-better target uses ≥', () => {
    expect(textOf(JULU, leafOf(one, 'd', 'budget_completion')).target).toContain('预算完成率 ≥ 95.00% 可得满分');
  });

  it('a full-marks and a zero formula name the threshold line crossed', () => {
    expect(textOf(JULU, leafOf(one, 'd', 'carryover')).formula).toBe('0.00% ≤ 0.00%（满分线），得满分 = 4.00');
    expect(textOf(JULU, leafOf(one, 'd', 'budget_adjustment')).formula).toBe('15.24% ≥ 10.00%（零分线），得 0 分 = 0.00');
  });

  it('under thresholds the formula says so and uses the thresholds as min and max', () => {
    // (10% − 3.17%) / (10% − (−5%)) × 2 = 0.91
    const l = leafOf(one, 'd', 'three_public_change');
    expect(textOf(JULU, l).formula).toBe('按阈值插值：得分 = (max − x) / (max − min) × 分值 = (10.00% − 3.17%) / (10.00% − -5.00%) × 2 = 0.91');
    expect(bandedOf(l)).toMatchObject({ interpolation: { basis: 'thresholds' }, policy: 'thresholds' });
  });
});

describe('self-score differences', () => {
  const s2 = score(JULU, [
    juluDept('d', {
      inputs: { staff_actual: 60, staff_authorized: 56 },
      self_scores: { staff_control: 1, satisfaction: 5, duty_completion: '9.5', total: 96 },
    }),
  ]);
  const d = deptOf(s2, 'd');

  it('each self-scored leaf reports self − computed', () => {
    // 60/56 = 107.14% on the thresholds (one department falls back): (115 − 107.142857)/15 = 0.52
    expect(d.indicators.staff_control!.score.toFixed(2)).toBe('0.52');
    expect(d.indicators.staff_control!.self!.toFixed(2)).toBe('1.00');
    expect(d.indicators.staff_control!.selfDiff!.toFixed(2)).toBe('0.48');
    expect(d.indicators.satisfaction!.selfDiff!.toFixed(2)).toBe('0.00');
    expect(d.indicators.duty_completion!.selfDiff!.toFixed(2)).toBe('-0.50');
  });

  it('leaves without a self-score carry no difference', () => {
    expect(d.indicators.carryover!.self).toBeUndefined();
    expect(d.indicators.carryover!.selfDiff).toBeUndefined();
  });

  it('the total reports self total − computed total', () => {
    // seed 96 − staff_control loses 0.48 → 95.52
    expect(d.total.toFixed(2)).toBe('95.52');
    expect(d.selfTotalDiff!.toFixed(2)).toBe('0.48');
  });

  it('the Scores JSON prints self and self_diff with 2 decimals', () => {
    const json = scoresToJson(s2) as { departments: Record<string, unknown>[] };
    const j = json.departments[0] as { self_total: string; self_total_diff: string; indicators: Record<string, Record<string, string>> };
    expect(j.self_total).toBe('96.00');
    expect(j.self_total_diff).toBe('0.48');
    expect(j.indicators.staff_control).toMatchObject({ self: '1.00', self_diff: '0.48' });
  });
});
