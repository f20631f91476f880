import { describe, expect, it } from 'vitest';
import { parseCohort, POLICIES, scoreCohort, scoresToJson } from '@/lib/scoring';
import { JULU, SEED_COHORT, textOf } from './helpers';

// 小吕寨镇, the seed township: its self-evaluation total is 96 (spec §3, issue 2 §4).
const parsed = parseCohort(SEED_COHORT, JULU);
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
const departments = parsed.cohort.departments;

describe('the seed township 小吕寨镇 (lib/demo/xiaolvzhai-2021.json)', () => {
  const scores = scoreCohort(JULU, departments, { policy: 'thresholds' });
  const d = scores.departments[0]!;

  it('scores exactly 96.00 under thresholds', () => {
    expect(d.total.toFixed(2)).toBe('96.00');
    expect(d.rank).toBe(1);
  });

  it.each(POLICIES)('scores exactly 96.00 under %s too', (policy) => {
    expect(scoreCohort(JULU, departments, { policy }).departments[0]!.total.toFixed(2)).toBe('96.00');
  });

  it('预算调整率 159.94 / 1049.6 = 15.24% is past the 10% line: 0.00 of 3, status zero', () => {
    const l = d.indicators.budget_adjustment!;
    expect(l.score.toFixed(2)).toBe('0.00');
    expect(l.status).toBe('zero');
    expect(textOf(JULU, l).valueText).toBe('15.24%');
  });

  it('the self total difference is 0.00 and every self-scored leaf matches', () => {
    expect(d.selfTotal!.toFixed(2)).toBe('96.00');
    expect(d.selfTotalDiff!.toFixed(2)).toBe('0.00');
    const diffs = Object.values(d.indicators).filter((l) => l.selfDiff !== undefined);
    expect(diffs).toHaveLength(18);
    for (const l of diffs) expect([l.code, l.selfDiff!.toFixed(2)]).toEqual([l.code, '0.00']);
  });

  it('the four lost points are 预算调整率 (3) and 经济效益 (1)', () => {
    const lost = Object.values(d.indicators)
      .filter((l) => !l.score.eq(l.weight))
      .map((l) => [l.code, l.weight.minus(l.score).toFixed(2)]);
    expect(lost).toEqual([
      ['budget_adjustment', '3.00'],
      ['economic_benefit', '1.00'],
    ]);
  });

  it('level-1 scores are 投入 10, 过程 42, 产出 25, 效果 19', () => {
    expect(Object.fromEntries(Object.entries(d.level1).map(([k, v]) => [k, v.toFixed(2)]))).toEqual({
      input: '10.00',
      process: '42.00',
      output: '25.00',
      effect: '19.00',
    });
  });

  it('the Scores JSON prints the total as "96.00"', () => {
    const json = scoresToJson(scores) as { system: string; policy: string; departments: { total: string; group: string }[] };
    expect(json).toMatchObject({ system: 'julu-2021', policy: 'thresholds' });
    expect(json.departments[0]).toMatchObject({ total: '96.00', group: '乡镇' });
  });
});
