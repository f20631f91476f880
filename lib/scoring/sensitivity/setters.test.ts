import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, scoreCohort, type Scores } from '@/lib/scoring';
import { banded, bandedOf, leaf, leafOf, parse, ratio, system, textOf, type Json } from '@/tests/scoring/helpers';
import { randomCohortArb, scoreOf } from '@/tests/scoring/sensitivity-arb';
import { groupTables } from './group';
import { allScales, isOutlier, robustSpread, scaleOf } from './setters';

// One banded leaf of weight 10: ≤ 100% full marks, ≥ 200% zero, lower is better.
const SYS = system([leaf('x', 10, banded(ratio('a', 'b'), 'lower', '1', '2'), '测试率')]);
const unit = (code: string, a: number): Json => ({ code, name: `单位${code}`, inputs: { a, b: 100 }, judgements: { rest: 50 } });

describe('who sets the scale', () => {
  // In-band values 110, 120, 125, 130, 195: the median is 125, the deviations 15, 5, 0, 5, 70, the MAD 5.
  // 195 lies 70 > 3 × 5 from the median: an outlier. 110 lies 15, exactly 3 × MAD: not an outlier.
  const s = scoreCohort(SYS, parse(SYS, [unit('A', 110), unit('B', 120), unit('C', 125), unit('D', 130), unit('E', 195), unit('F', 90)]));
  const scale = scaleOf(SYS, s, '全部', 'x')!;

  it('names the units holding the min and the max used, and flags the one far from the rest', () => {
    expect(scale.setters.map((x) => [x.code, x.side, x.value.toFixed(), x.shared, x.outlier])).toEqual([
      ['A', 'min', '1.1', false, false],
      ['E', 'max', '1.95', false, true],
    ]);
    expect([scale.median?.toFixed(), scale.mad?.toFixed()]).toEqual(['1.25', '0.05']);
  });

  it('shows every other unit’s score without each setter', () => {
    // With E: B (195 − 120)/85 × 10 = 8.82. Without E the max is D's 130: B (130 − 120)/20 × 10 = 5.00,
    // C 2.50, D 0.00, A 10.00. F (90%, full marks) does not move.
    const withoutE = scale.without.find((w) => w.code === 'E')!;
    const by = (code: string) => withoutE.scores[scale.members.findIndex((m) => m.code === code)];
    expect(leafOf(s, 'B', 'x').score.toFixed(2)).toBe('8.82');
    expect([by('A'), by('B'), by('C'), by('D'), by('F')].map((x) => x!.toFixed(2))).toEqual(['10.00', '5.00', '2.50', '0.00', '10.00']);
    expect(by('E')).toBeNull();
    expect(withoutE.moved).toBe(3);
    expect(withoutE.stat.max.toFixed()).toBe('1.3');
  });

  it('a value shared by two units is named twice, and removing either alone changes nothing', () => {
    const t = scoreCohort(SYS, parse(SYS, [unit('A', 110), unit('B', 150), unit('C', 180), unit('D', 180)]));
    const sc = scaleOf(SYS, t, '全部', 'x')!;
    expect(sc.setters.filter((x) => x.side === 'max').map((x) => [x.code, x.shared])).toEqual([
      ['C', true],
      ['D', true],
    ]);
    expect(sc.without.map((w) => w.code)).toEqual(['A']);
  });

  it('a department that sets the scale is told so in its explanation, in Chinese and in English', () => {
    const sets = (scores: Scores, code: string) => bandedOf(leafOf(scores, code, 'x')).sets;
    expect(sets(s, 'E')).toBe('max');
    expect(sets(s, 'A')).toBe('min');
    expect(sets(s, 'C')).toBeNull();
    expect(textOf(SYS, leafOf(s, 'E', 'x')).sets).toBe('本单位的值决定了同组最大值（max）：同组区间内各单位的得分都以它为刻度的一端');
    expect(textOf(SYS, leafOf(s, 'A', 'x'), 'en').sets).toBe(
      "This unit's value sets the group's minimum (min): one end of the scale every in-band score in the group is interpolated on",
    );
    expect(textOf(SYS, leafOf(s, 'C', 'x')).sets).toBeNull();
    // Under thresholds nobody sets the scale.
    expect(sets(scoreCohort(SYS, parse(SYS, [unit('A', 110), unit('E', 195)]), { policy: 'thresholds' }), 'E')).toBeNull();
  });

  it('the robust rule needs 3 values, and with a MAD of 0 any value off the common one is an outlier', () => {
    expect(robustSpread([new D(1), new D(2)])).toBeNull();
    const spread = robustSpread(['1.01', '1.01', '1.01', '1.12'].map((x) => new D(x)))!;
    expect(spread.mad.isZero()).toBe(true);
    expect(isOutlier(new D('1.12'), spread)).toBe(true);
    expect(isOutlier(new D('1.01'), spread)).toBe(false);
  });

  it('every score without a setter equals scoring the group again without it', () => {
    fc.assert(
      fc.property(randomCohortArb, (c) => {
        const full = scoreOf(c);
        for (const sc of allScales(groupTables(c.system, full))) {
          for (const w of sc.without) {
            const again = scoreOf(
              c,
              c.departments.filter((d) => d.code !== w.code),
            );
            sc.members.forEach((m, i) => {
              if (m.code === w.code) return;
              expect(w.scores[i]!.toFixed(2)).toBe(again.departments.find((d) => d.code === m.code)!.indicators[sc.leaf]!.score.toFixed(2));
            });
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
