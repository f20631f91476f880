import { describe, expect, it } from 'vitest';
import { D, type Policy } from '@/lib/scoring';
import { banded, bandedOf, change, leaf, leafOf, ratio, score, scoreText, system, textOf, type Json } from '@/tests/scoring/helpers';

// One banded leaf of weight 10: full marks at ≤ 100%, zero at ≥ 200%, x = a / 100.
const LOWER = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'), '测试率')]);
const at = (code: string, percent: number | string, group?: string): Json => ({
  code,
  name: code,
  ...(group ? { group } : {}),
  inputs: { a: percent, b: 100 },
  judgements: { rest: 0 },
});
// 90% full, 120% / 150% / 180% inside the band, 250% zero.
const FIVE = [at('A', 90), at('B', 120), at('C', 150), at('D', 180), at('E', 250)];

describe('cohort-in-band (the default): min and max over the in-band values', () => {
  const s = score(LOWER, FIVE, 'cohort-in-band');

  it('the best in-band department earns full marks and the worst in-band earns zero', () => {
    // min 120%, max 180%: B (180 − 120)/(180 − 120) × 10 = 10, C (180 − 150)/60 × 10 = 5, D 0
    expect(scoreText(s, 'B', 'x')).toBe('10.00');
    expect(scoreText(s, 'C', 'x')).toBe('5.00');
    expect(scoreText(s, 'D', 'x')).toBe('0.00');
    expect(leafOf(s, 'D', 'x').status).toBe('interpolated');
  });

  it('departments outside the band keep full marks or zero', () => {
    expect(leafOf(s, 'A', 'x')).toMatchObject({ status: 'full' });
    expect(scoreText(s, 'A', 'x')).toBe('10.00');
    expect(leafOf(s, 'E', 'x')).toMatchObject({ status: 'zero' });
  });

  it('the cohort statistic records n, the qualifying count and the min and max used', () => {
    const stat = s.cohort['全部']!.x!;
    expect(stat).toMatchObject({ n: 5, qualifying: 3, basis: 'cohort', fallback: false });
    expect(stat.min.eq('1.2')).toBe(true);
    expect(stat.max.eq('1.8')).toBe(true);
  });
});

describe('cohort-all: min and max over every valid value', () => {
  const s = score(LOWER, FIVE, 'cohort-all');

  it('in-band departments are spread between the cohort extremes 90% and 250%', () => {
    // B (250 − 120)/(250 − 90) × 10 = 8.125 → 8.13; C 100/160 × 10 = 6.25; D 70/160 × 10 = 4.375 → 4.38
    expect(scoreText(s, 'B', 'x')).toBe('8.13');
    expect(scoreText(s, 'C', 'x')).toBe('6.25');
    expect(scoreText(s, 'D', 'x')).toBe('4.38');
    expect(s.cohort['全部']!.x).toMatchObject({ n: 5, qualifying: 5, basis: 'cohort' });
  });

  it('values outside the band still score full or zero', () => {
    expect(scoreText(s, 'A', 'x')).toBe('10.00');
    expect(scoreText(s, 'E', 'x')).toBe('0.00');
  });
});

describe('thresholds: plain linear interpolation between the two thresholds', () => {
  const s = score(LOWER, FIVE, 'thresholds');

  it('scores follow (200% − x)/(200% − 100%) × 10', () => {
    expect(scoreText(s, 'B', 'x')).toBe('8.00');
    expect(scoreText(s, 'C', 'x')).toBe('5.00');
    expect(scoreText(s, 'D', 'x')).toBe('2.00');
    expect(leafOf(s, 'C', 'x').status).toBe('interpolated');
    expect(bandedOf(leafOf(s, 'C', 'x')).interpolation?.basis).toBe('thresholds');
  });

  it('the cohort statistic reports the thresholds as min and max, no fallback', () => {
    const stat = s.cohort['全部']!.x!;
    expect(stat).toMatchObject({ n: 5, qualifying: 0, basis: 'thresholds', fallback: false });
    expect(stat.min.eq(1) && stat.max.eq(2)).toBe(true);
  });
});

describe('the literal seed formula', () => {
  it('lower is better: 得分 = [max(x) − x] / [max(x) − min(x)] × 分值', () => {
    const l = leafOf(score(LOWER, FIVE), 'C', 'x');
    expect(textOf(LOWER, l).formula).toBe('同组 3 个可比值，得分 = (max − x) / (max − min) × 分值 = (180.00% − 150.00%) / (180.00% − 120.00%) × 10 = 5.00');
  });

  it('higher is better: 得分 = [x − min(x)] / [max(x) − min(x)] × 分值', () => {
    const sys = system([leaf('y', 10, banded(ratio('a', 'b'), 'higher', '1', '0.5'))]);
    const s = score(sys, [at('P', 60), at('Q', 70), at('R', 90)]);
    // (70 − 60) / (90 − 60) × 10 = 3.333… → 3.33
    expect(scoreText(s, 'Q', 'y')).toBe('3.33');
    expect(scoreText(s, 'P', 'y')).toBe('0.00');
    expect(scoreText(s, 'R', 'y')).toBe('10.00');
    expect(textOf(sys, leafOf(s, 'Q', 'y')).formula).toBe(
      '同组 3 个可比值，得分 = (x − min) / (max − min) × 分值 = (70.00% − 60.00%) / (90.00% − 60.00%) × 10 = 3.33',
    );
  });
});

describe('fallback to the thresholds', () => {
  it('with exactly one in-band value the department is scored on the thresholds, status fallback', () => {
    const s = score(LOWER, [at('A', 90), at('B', 120), at('E', 250)]);
    const l = leafOf(s, 'B', 'x');
    expect(l.score.toFixed(2)).toBe('8.00');
    expect(l.status).toBe('fallback');
    expect(bandedOf(l).interpolation).toMatchObject({ basis: 'thresholds', qualifying: 1, fallback: true });
    expect(textOf(LOWER, l).formula).toContain('改按阈值插值');
    expect(s.cohort['全部']!.x).toMatchObject({ n: 3, qualifying: 1, fallback: true, basis: 'thresholds' });
  });

  it('with two equal in-band values (max = min) both fall back to the thresholds', () => {
    const s = score(LOWER, [at('B1', 120), at('B2', 120), at('E', 250)]);
    for (const code of ['B1', 'B2']) {
      expect(scoreText(s, code, 'x')).toBe('8.00');
      expect(leafOf(s, code, 'x').status).toBe('fallback');
    }
    expect(s.cohort['全部']!.x).toMatchObject({ qualifying: 2, fallback: true });
  });

  it('cohort-all with a single department falls back too', () => {
    const s = score(LOWER, [at('C', 150)], 'cohort-all');
    expect(leafOf(s, 'C', 'x')).toMatchObject({ status: 'fallback' });
    expect(scoreText(s, 'C', 'x')).toBe('5.00');
  });

  it('two distinct in-band values are interpolated, not a fallback', () => {
    const s = score(LOWER, [at('B', 120), at('C', 150)]);
    expect(leafOf(s, 'B', 'x').status).toBe('interpolated');
    expect(leafOf(s, 'C', 'x').status).toBe('interpolated');
  });

  it('values exactly on a threshold are not in the band and do not count towards the two needed', () => {
    const s = score(LOWER, [at('on_full', 100), at('on_zero', 200), at('C', 150)]);
    expect(leafOf(s, 'C', 'x').status).toBe('fallback');
    expect(leafOf(s, 'on_full', 'x').status).toBe('full');
    expect(leafOf(s, 'on_zero', 'x').status).toBe('zero');
  });
});

describe('not-applicable and infinite values never enter min and max', () => {
  const sys = system([leaf('chg', 10, banded(change('curr', 'prev'), 'lower', '0', '0.5'))]);
  const c = (code: string, prev: number, curr: number): Json => ({ code, name: code, inputs: { prev, curr }, judgements: { rest: 0 } });
  const cohort = [c('na', 0, 0), c('inf', 0, 5), c('R', 100, 110), c('S', 100, 130), c('T', 100, 120)];

  it.each<Policy>(['cohort-all', 'cohort-in-band'])('under %s the extremes are the finite values 10% and 30%', (policy) => {
    const s = score(sys, cohort, policy);
    const stat = s.cohort['全部']!.chg!;
    expect(stat.n).toBe(3);
    expect(stat.min.eq('0.1') && stat.max.eq('0.3')).toBe(true);
    // T: (30% − 20%) / (30% − 10%) × 10 = 5
    expect(scoreText(s, 'T', 'chg')).toBe('5.00');
    expect(leafOf(s, 'na', 'chg').status).toBe('not_applicable');
    expect(leafOf(s, 'inf', 'chg').status).toBe('zero');
  });
});

describe('groups are scored separately', () => {
  const towns = [at('B', 120, '乡镇'), at('C', 150, '乡镇'), at('D', 180, '乡镇')];

  it('a county department with extreme values does not move the townships min or max', () => {
    const alone = score(LOWER, towns);
    const mixed = score(LOWER, [...towns, at('K1', 101, '县直部门'), at('K2', 199, '县直部门')]);
    for (const code of ['B', 'C', 'D']) expect(scoreText(mixed, code, 'x')).toBe(scoreText(alone, code, 'x'));
    expect(mixed.cohort['乡镇']!.x!.min.eq('1.2')).toBe(true);
    expect(mixed.cohort['乡镇']!.x!.max.eq('1.8')).toBe(true);
    expect(mixed.cohort['县直部门']!.x!.min.eq('1.01')).toBe(true);
    expect(mixed.cohort['县直部门']!.x!.max.eq('1.99')).toBe(true);
  });

  it('a group with a single in-band department falls back while the other group interpolates', () => {
    const s = score(LOWER, [...towns, at('K', 150, '县直部门')]);
    expect(leafOf(s, 'K', 'x').status).toBe('fallback');
    expect(leafOf(s, 'C', 'x').status).toBe('interpolated');
  });
});

describe('scoreCohort options', () => {
  it('a policy passed to scoreCohort overrides the system interpolation', () => {
    const sys = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'))], { interpolation: 'cohort-in-band' });
    const byDefault = score(sys, FIVE);
    const overridden = score(sys, FIVE, 'thresholds');
    expect(byDefault.policy).toBe('cohort-in-band');
    expect(overridden.policy).toBe('thresholds');
    expect(scoreText(byDefault, 'D', 'x')).toBe('0.00');
    expect(scoreText(overridden, 'D', 'x')).toBe('2.00');
    expect(bandedOf(leafOf(overridden, 'D', 'x')).policy).toBe('thresholds');
    expect(textOf(sys, leafOf(overridden, 'D', 'x')).ruleText).toContain('按两条阈值线性插值');
  });

  it('the system interpolation applies when no policy is passed', () => {
    const sys = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'))], { interpolation: 'cohort-all' });
    const s = score(sys, FIVE);
    expect(s.policy).toBe('cohort-all');
    expect(scoreText(s, 'B', 'x')).toBe('8.13');
  });

  it('the min and max in an explanation are the exact values, not rounded percentages', () => {
    const sys = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'))]);
    const s = score(sys, [
      { code: 'p', name: 'p', inputs: { a: 4, b: 3 }, judgements: { rest: 0 } },
      { code: 'q', name: 'q', inputs: { a: 3, b: 2 }, judgements: { rest: 0 } },
    ]);
    const e = bandedOf(leafOf(s, 'p', 'x')).interpolation!;
    expect(new D(e.min).eq(new D(4).div(3))).toBe(true);
    expect(new D(e.max).eq('1.5')).toBe(true);
  });
});
