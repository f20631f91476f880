import { describe, expect, it } from 'vitest';
import type { Round, RoundScores } from '@/db/queries';
import { builtinSystem, fmtScore, indexSystem, parseCohort, scoreCohort, scoresFromJson, scoresToJson } from '@/lib/scoring';
import { heatView } from './heat';
import { explanationView } from './explanation';
import { pointsLost, totalSummary, weakIndicators } from '@/lib/stats';
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

describe('rankings view', () => {
  it('keeps the engine’s rank order and prints every subtotal as the engine computed it', () => {
    const v = rankingsView(rs, '乡镇');
    expect(v.rows.map((r) => r.code)).toEqual(members('乡镇').map((d) => d.code));
    members('乡镇').forEach((d, i) => {
      expect(v.rows[i]!.total).toBe(fmtScore(d.total));
      expect(v.rows[i]!.l1.map(([s]) => s)).toEqual(system.indicators.map((l) => fmtScore(d.level1[l.code]!)));
    });
  });

  it('marks the group’s mean and median total from the cohort statistics', () => {
    const v = rankingsView(rs, '县直部门');
    const s = totalSummary(members('县直部门'))!;
    expect([v.meanText, v.medianText]).toEqual([fmtScore(s.mean), fmtScore(s.median)]);
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
    const v = indicatorView(rs, '乡镇', 'carryover')!;
    members('乡镇').forEach((d, i) => expect(v.points[i]!.lostText).toBe(fmtScore(pointsLost(d.indicators.carryover!))));
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
    expect(v.weak.map((e) => e.indicator.code)).toEqual(weakIndicators(system, d).map((s) => s.code));
    expect(v.level2).toHaveLength(indexSystem(system).level2.length);
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
