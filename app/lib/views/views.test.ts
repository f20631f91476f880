import { describe, expect, it } from 'vitest';
import type { Round, RoundScores } from '@/db/queries';
import { builtinSystem, fmtScore, indexSystem, parseCohort, scoreCohort, scoresFromJson, scoresToJson } from '@/lib/scoring';
import { heatView } from './heat';
import { explanationView } from './explanation';
import seedCohort from '@/lib/demo/xiaolvzhai-2021.json';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { departmentView } from './department';
import { detailSheet, indicatorSheet, summarySheet } from './export';
import { indicatorView } from './indicator';
import { memoByScores } from './memo';
import { rankingsView } from './rankings';

const system = builtinSystem('julu-2021')!;

function round(seed: number): RoundScores {
  const parsed = parseCohort(syntheticCohort(system, 30, { seed, groups: ['乡镇', '县直部门'] }), system);
  if (!parsed.ok) throw new Error('synthetic cohort invalid');
  const departments = parsed.cohort.departments;
  const r = { slug: 'test', name: '测试轮次', year: 2021, status: 'collecting', policy: system.interpolation } as Round;
  return { round: r, system, departments, scores: scoreCohort(system, departments) };
}

const rs = round(11);
const members = (g: string) => rs.scores.departments.filter((d) => d.group === g);

/**
 * Figures worked out by hand: the seed township (README: 96.00 = 100 − 3 on 预算调整率, 15.24% ≥ 10% —
 * − 1 on 经济效益, 4 of 5) and three copies with the same inputs, so every banded scale falls back to
 * its thresholds and each copy differs only in one judgement score.
 */
function handRound(): RoundScores {
  const seed = seedCohort.departments[0]!;
  const copy = (code: string, judgements: Partial<typeof seed.judgements>) => ({ ...seed, code, name: code, self_scores: undefined, judgements: { ...seed.judgements, ...judgements } });
  const cohort = {
    ...seedCohort,
    departments: [
      seed,
      copy('econ-2', { economic_benefit: 2 }), // 96 − 2 = 94.00
      copy('duty-5-50', { duty_completion: 5.5 }), // 96 − 4.5 = 91.50
      copy('social-3-75', { social_benefit: 3.75 }), // 96 − 1.25 = 94.75
    ],
  };
  const parsed = parseCohort(cohort, system);
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  const departments = parsed.cohort.departments;
  const r = { slug: 'hand', name: '手算轮次', year: 2021, status: 'collecting', policy: system.interpolation } as Round;
  return { round: r, system, departments, scores: scoreCohort(system, departments) };
}
const hand = handRound();

describe('rankings view', () => {
  it('keeps the engine’s rank order and prints every subtotal as the engine computed it', () => {
    const v = rankingsView(rs, '乡镇');
    expect(v.rows.map((r) => r.code)).toEqual(members('乡镇').map((d) => d.code));
    members('乡镇').forEach((d, i) => {
      expect(v.rows[i]!.total).toBe(fmtScore(d.total));
      expect(v.rows[i]!.l1.map(([s]) => s)).toEqual(system.indicators.map((l) => fmtScore(d.level1[l.code]!)));
    });
  });

  it('marks the group’s mean and median total, rounded half up to the cent', () => {
    const v = rankingsView(hand, '乡镇');
    expect(v.rows.map((r) => [r.code, r.total])).toEqual([
      ['xiaolvzhai', '96.00'],
      ['social-3-75', '94.75'],
      ['econ-2', '94.00'],
      ['duty-5-50', '91.50'],
    ]);
    // (96.00 + 94.75 + 94.00 + 91.50) / 4 = 94.0625; the median (94.75 + 94.00) / 2 = 94.375.
    expect([v.meanText, v.medianText]).toEqual(['94.06', '94.38']);
    // The seed's level-1 subtotals, 投入 过程 产出 效果: 10, 45 − 3, 25, 20 − 1.
    expect(v.rows[0]!.l1.map(([s]) => s)).toEqual(['10.00', '42.00', '25.00', '19.00']);
  });

  it('is built once per scoring: the same scoring gives the same view, a new scoring a new one', () => {
    const a = memoByScores(rs.scores, 'k', () => rankingsView(rs, '乡镇'));
    const b = memoByScores({ ...rs.scores, departments: [...rs.scores.departments] }, 'k', () => rankingsView(rs, '乡镇'));
    expect(b).toBe(a);
    const fresh = round(11);
    expect(memoByScores(fresh.scores, 'k', () => rankingsView(fresh, '乡镇'))).not.toBe(a);
  });
});

describe('indicator view', () => {
  it('draws the min and max lines only when the group’s own values were interpolated', () => {
    for (const { leaf } of indexSystem(system).leaves) {
      if (leaf.rule.kind !== 'banded') continue;
      const v = indicatorView(rs, '乡镇', leaf.code)!;
      const stat = rs.scores.cohort['乡镇']![leaf.code]!;
      expect(v.lines.map((l) => l.key).sort()).toEqual(stat.basis === 'cohort' ? ['full', 'max', 'min', 'zero'] : ['full', 'zero']);
    }
  });

  it('gives each department’s lost points as the weight minus its score', () => {
    // 预算调整率 15.24% ≥ 10% scores 0 of 3: every copy loses all 3 points; 结转结余率 0% loses none of 4.
    expect(indicatorView(hand, '乡镇', 'budget_adjustment')!.points.map((p) => p.lostText)).toEqual(['3.00', '3.00', '3.00', '3.00']);
    expect(indicatorView(hand, '乡镇', 'carryover')!.points.map((p) => p.lostText)).toEqual(['0.00', '0.00', '0.00', '0.00']);
  });

  it('answers nothing for an unknown indicator', () => {
    expect(indicatorView(rs, '乡镇', 'no_such_leaf')).toBeNull();
  });
});

describe('department view', () => {
  it('lists every leaf in the tree and the weak indicators in the order of points lost', () => {
    const d = members('乡镇')[members('乡镇').length - 1]!;
    const v = departmentView(rs, d.code, [])!;
    expect(v.tree.filter((r) => r.level === 3).map((r) => r.code)).toEqual(indexSystem(system).leaves.map((l) => l.leaf.code));
    expect(v.level2).toHaveLength(indexSystem(system).level2.length);
  });

  it('orders the weak indicators by points lost, ties in the system’s order', () => {
    const weak = (code: string) => departmentView(hand, code, [])!.weak.map((e) => e.indicator.code);
    // duty 10 − 5.5 = 4.5 lost, then 预算调整率's 3, then 经济效益's 1.
    expect(weak('duty-5-50')).toEqual(['duty_completion', 'budget_adjustment', 'economic_benefit']);
    // 3 and 3: 预算调整率 (过程) comes before 经济效益 (效果) in the system.
    expect(weak('econ-2')).toEqual(['budget_adjustment', 'economic_benefit']);
    expect(weak('social-3-75')).toEqual(['budget_adjustment', 'social_benefit', 'economic_benefit']);
  });
});

describe('exports', () => {
  it('has one 汇总 and 明细 row per department and one 指标 row per group and indicator', () => {
    const groups = ['乡镇', '县直部门'];
    expect(summarySheet(rs, groups).rows).toHaveLength(30);
    expect(detailSheet(rs, groups).rows).toHaveLength(30 * indexSystem(system).leaves.length);
    expect(indicatorSheet(rs, groups).rows).toHaveLength(2 * indexSystem(system).leaves.length);
  });

  it('writes totals as the numbers the page shows', () => {
    const sheet = summarySheet(rs, ['乡镇']);
    expect(sheet.rows.map((r) => (r[5] as number).toFixed(2))).toEqual(members('乡镇').map((d) => fmtScore(d.total)));
  });
});

describe('a published round renders through the same views from its stored JSON', () => {
  // What a publication stores, back through text as the database keeps it.
  const frozen: RoundScores = { ...rs, departments: [], scores: scoresFromJson(JSON.parse(JSON.stringify(scoresToJson(rs.scores, { explain: true }))), system) };
  const same = (f: (x: RoundScores) => unknown) => expect(JSON.stringify(f(frozen))).toBe(JSON.stringify(f(rs)));

  it('rankings, heat table and every indicator page are identical', () => {
    for (const g of ['乡镇', '县直部门']) {
      same((x) => rankingsView(x, g));
      same((x) => heatView(x, g));
      for (const { leaf } of indexSystem(system).leaves) same((x) => indicatorView(x, g, leaf.code));
    }
  });

  it('every 评分表 and every explanation is identical', () => {
    for (const d of rs.scores.departments) {
      same((x) => departmentView(x, d.code, []));
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const code of Object.keys(d.indicators)) same((x) => explanationView(system, x.scores.departments.find((y) => y.code === d.code)!, x.scores.departments.find((y) => y.code === d.code)!.indicators[code]!, locale));
      }
    }
  });

  it('the exported sheets are identical', () => {
    same((x) => [summarySheet(x, ['乡镇', '县直部门']), detailSheet(x, ['乡镇', '县直部门']), indicatorSheet(x, ['乡镇', '县直部门'])]);
  });
});
