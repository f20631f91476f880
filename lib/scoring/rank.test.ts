import { describe, expect, it } from 'vitest';
import { competitionRanks, D, scoresToJson } from '@/lib/scoring';
import { deptOf, score, system, type Json } from '@/tests/scoring/helpers';

const ranks = (totals: number[]) => competitionRanks(totals.map((t) => new D(t)));

describe('competition ranking (并列)', () => {
  it('equal totals share a rank and the next rank skips: 1, 2, 2, 4', () => {
    expect(ranks([90, 80, 80, 70])).toEqual([
      { rank: 1, tied: false },
      { rank: 2, tied: true },
      { rank: 2, tied: true },
      { rank: 4, tied: false },
    ]);
  });

  it('a three-way tie at the top is 1, 1, 1, 4', () => {
    expect(ranks([85, 85, 60, 85]).map((r) => r.rank)).toEqual([1, 1, 4, 1]);
  });

  it('ranks are returned in input order whatever the order of totals', () => {
    expect(ranks([70, 90, 80]).map((r) => r.rank)).toEqual([3, 1, 2]);
  });

  it('totals that differ by one cent are not tied', () => {
    const r = competitionRanks([new D('95.01'), new D('95.00')]);
    expect(r).toEqual([
      { rank: 1, tied: false },
      { rank: 2, tied: false },
    ]);
  });
});

describe('ranking in a scored cohort', () => {
  // A single judgement leaf worth 100: the total is the evaluator's score.
  const sys = system([{ code: 'all', name: '总评', weight: 100, rule: { kind: 'judgement', points: [] } }]);
  const d = (code: string, v: number, group: string): Json => ({ code, name: code, group, inputs: {}, judgements: { all: v } });
  const s = score(sys, [d('b', 80, '乡镇'), d('a', 90, '乡镇'), d('c', 80, '乡镇'), d('e', 70, '乡镇'), d('k1', 80, '县直部门'), d('k2', 85, '县直部门')]);

  it('ranks are 1, 2, 2, 4 within the group, with tied set on the shared rank', () => {
    expect(['a', 'b', 'c', 'e'].map((c) => [deptOf(s, c).rank, deptOf(s, c).tied])).toEqual([
      [1, false],
      [2, true],
      [2, true],
      [4, false],
    ]);
  });

  it('each group is ranked on its own: the same total in another group is not a tie', () => {
    expect(deptOf(s, 'k2')).toMatchObject({ rank: 1, tied: false });
    expect(deptOf(s, 'k1')).toMatchObject({ rank: 2, tied: false });
  });

  it('departments come out ordered by group, rank, then code', () => {
    expect(s.departments.map((x) => x.code)).toEqual(['a', 'b', 'c', 'e', 'k2', 'k1']);
  });

  it('the Scores JSON marks tied departments', () => {
    const json = scoresToJson(s) as { departments: { code: string; rank: number; tied?: boolean }[] };
    expect(json.departments.find((x) => x.code === 'b')).toMatchObject({ rank: 2, tied: true });
    expect(json.departments.find((x) => x.code === 'a')!.tied).toBeUndefined();
  });
});
