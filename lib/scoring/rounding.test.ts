import { describe, expect, it } from 'vitest';
import { D, loadSystem, roundScore, scoreCohort, scoresToJson, sum } from '@/lib/scoring';
import { banded, deptOf, leaf, leafOf, parse, ratio, score, scoreText, system, type Json } from '@/tests/scoring/helpers';

describe('leaf scores are rounded half-up to 2 decimals (spec §4)', () => {
  const prop = (weight: number | string) => system([leaf('pay', weight, { kind: 'proportional', metric: ratio('paid', 'due') })]);
  const paid = (sys: ReturnType<typeof prop>, p: number | string, d: number | string) =>
    score(sys, [{ code: 'a', name: 'A', inputs: { paid: p, due: d }, judgements: { rest: 0 } }]);

  it('a raw score of exactly 0.005 rounds up to 0.01', () => {
    // weight 5 × 0.1% = 0.005
    expect(scoreText(paid(prop(5), 1, 1000), 'a', 'pay')).toBe('0.01');
  });

  it('a raw score of 0.0045 rounds down to 0.00', () => {
    expect(scoreText(paid(prop(5), 9, 10000), 'a', 'pay')).toBe('0.00');
  });

  it('a raw score of exactly 2.675 rounds up to 2.68, as a cent-exact ledger would', () => {
    // 2.675 is 2.67499999… in binary floating point.
    expect(scoreText(paid(prop(5), 535, 1000), 'a', 'pay')).toBe('2.68');
  });

  it('an exact half cent reached through a repeating quotient still rounds up (7/12 × 1.62 = 0.945)', () => {
    // 7/12 = 0.58333… is cut at 40 digits; the score must not slip to 0.94499… → 0.94.
    expect(scoreText(paid(prop('1.62'), 7, 12), 'a', 'pay')).toBe('0.95');
  });

  it('a banded score of exactly 0.945 from a repeating interpolation ratio rounds up', () => {
    // thresholds 0% and 120%, x = 50%: (120% − 50%) / 120% × 1.62 = 7/12 × 1.62 = 0.945
    const sys = system([leaf('b', '1.62', banded(ratio('a', 'b'), 'lower', '0', '1.2'))], { interpolation: 'thresholds' });
    const s = score(sys, [{ code: 'a', name: 'A', inputs: { a: 1, b: 2 }, judgements: { rest: 0 } }]);
    expect(scoreText(s, 'a', 'b')).toBe('0.95');
  });

  it('a banded score of exactly 0.075 from a repeating value x = 11/12 rounds up', () => {
    // thresholds 0% and 100%, x = 11/12: (1 − 11/12) × 0.9 = 0.075
    const sys = system([leaf('b', '0.9', banded(ratio('a', 'b'), 'lower', '0', '1'))], { interpolation: 'thresholds' });
    const s = score(sys, [{ code: 'a', name: 'A', inputs: { a: 11, b: 12 }, judgements: { rest: 0 } }]);
    expect(scoreText(s, 'a', 'b')).toBe('0.08');
  });

  it('roundScore rounds half-up, never half-even', () => {
    expect(roundScore(new D('0.125')).toFixed(2)).toBe('0.13');
    expect(roundScore(new D('0.135')).toFixed(2)).toBe('0.14');
    expect(roundScore(new D('0.1249')).toFixed(2)).toBe('0.12');
  });
});

describe('every fraction num/den (den ≤ 36) times every weight 0.01–1.99 rounds half-up exactly', () => {
  // One proportional leaf per weight (explicit total), one department per fraction: 630 × 199 scores
  // checked against integer arithmetic, half-up: cents = floor((2 × weightCents × num + den) / (2 × den)).
  const weights = Array.from({ length: 199 }, (_, i) => i + 1);
  const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const { system: sys } = loadSystem({
    format: 'dept-scorecard/system@1',
    id: 'all-weights',
    name: '全部分值',
    interpolation: 'thresholds',
    total: cents(weights.reduce((a, b) => a + b, 0)),
    // A total other than 100 declares its grade bands (spec §7).
    grades: [{ label: '达标', min: 100 }, { label: '未达标', min: 0 }],
    indicators: [{ code: 'l1', name: '一级', weight: cents(weights.reduce((a, b) => a + b, 0)), children: weights.map((c) => leaf(`w${c}`, cents(c), { kind: 'proportional', metric: ratio('a', 'b') })) }],
  });
  const fractions: [number, number][] = [];
  for (let den = 2; den <= 36; den++) for (let num = 1; num < den; num++) fractions.push([num, den]);
  const raw: Json[] = fractions.map(([num, den]) => ({ code: `f${num}_${den}`, name: `${num}/${den}`, inputs: { a: num, b: den } }));

  it('matches integer arithmetic for all 125,370 scores', () => {
    const scores = scoreCohort(sys, parse(sys, raw));
    const wrong: string[] = [];
    for (const d of scores.departments) {
      const [num, den] = d.code.slice(1).split('_').map(Number) as [number, number];
      for (const c of weights) {
        const want = cents(Math.floor((2 * c * num + den) / (2 * den)));
        const got = d.indicators[`w${c}`]!.score.toFixed(2);
        if (got !== want) wrong.push(`${cents(c)} × ${num}/${den} = ${got}, exactly ${want}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('level and total scores are sums of the rounded leaf scores', () => {
  // Three proportional leaves at 1/3 each: every leaf rounds to 0.33, so the level sums to 0.99,
  // not to the 1.00 that summing raw scores would print.
  const sys = system([
    leaf('p1', 1, { kind: 'proportional', metric: ratio('a', 'b') }),
    leaf('p2', 1, { kind: 'proportional', metric: ratio('a', 'b') }),
    leaf('p3', 1, { kind: 'proportional', metric: ratio('a', 'b') }),
  ]);
  const s = score(sys, [{ code: 'a', name: 'A', inputs: { a: 1, b: 3 }, judgements: { rest: '50.5' } }]);
  const d = deptOf(s, 'a');

  it('each leaf shows 0.33', () => {
    for (const code of ['p1', 'p2', 'p3']) expect(scoreText(s, 'a', code)).toBe('0.33');
  });

  it('the level-2 and level-1 scores are 0.99 + 50.50 and the total equals their sum', () => {
    expect(d.level2.l2!.toFixed(2)).toBe('51.49');
    expect(d.level1.l1!.toFixed(2)).toBe('51.49');
    expect(d.total.toFixed(2)).toBe('51.49');
  });

  it('in the Scores JSON the printed leaves add up to the printed total', () => {
    const json = scoresToJson(s) as { departments: { total: string; level1: Record<string, string>; indicators: Record<string, { score: string }> }[] };
    const j = json.departments[0]!;
    const leaves = sum(Object.values(j.indicators).map((l) => new D(l.score)));
    expect(leaves.toFixed(2)).toBe(j.total);
    expect(sum(Object.values(j.level1).map((v) => new D(v))).toFixed(2)).toBe(j.total);
    expect(leafOf(s, 'a', 'rest').score.toFixed(2)).toBe('50.50');
  });
});
