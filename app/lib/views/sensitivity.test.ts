import { describe, expect, it } from 'vitest';
import type { Round, RoundScores } from '@/db/queries';
import { scoreCohort } from '@/lib/scoring';
import { JULU, parse } from '@/tests/scoring/helpers';
import { THREE } from '@/tests/scoring/sensitivity-arb';
import { ownPoliciesView, policiesView, scaleView } from './sensitivity';
import { whatIfView } from './whatif';

// Three copies of the seed township (tests/scoring/sensitivity-arb.ts): 预算调整率 a 1.91% (min),
// b 3.81%, c 5.72% (max); totals b 97.50, a 97.00, c 96.00.
function round(): RoundScores {
  const departments = parse(JULU, THREE);
  const r = { slug: 't', name: '测试轮次', year: 2021, status: 'collecting', policy: 'cohort-in-band' } as Round;
  return { round: r, system: JULU, departments, scores: scoreCohort(JULU, departments) };
}

describe('口径对比 view', () => {
  const v = policiesView(round(), '乡镇');

  it('lists the round’s policy first, every unit’s totals and ranks, and its rank range', () => {
    expect(v.policies).toEqual(['cohort-in-band', 'cohort-all', 'thresholds']);
    // Under thresholds: a 96 − 2 + (10 − 1.91)/10 × 3 = 96.43, b 96 + 1.86 = 97.86, c 96 + 1.29 = 97.29.
    expect(v.rows.map((r) => [r.code, r.range, r.results.map((x) => `${x.total}#${x.rank}${x.move ? `(${x.move})` : ''}`)])).toEqual([
      ['b', [1, 2], ['97.50#1', '97.50#1', '97.86#1']],
      ['a', [1, 2], ['97.00#2', '97.00#2', '96.43#3(1)']],
      ['c', [3, 3], ['96.00#3', '96.00#3', '97.29#2(-1)']],
    ]);
    expect(v.reversals).toEqual([{ removed: '部门c', a: '部门b', b: '部门a', before: 'above', after: 'below' }]);
  });

  it('gives a department its own row and nothing of who moves the scale', () => {
    const own = ownPoliciesView(v, 'a');
    expect(own.rows.map((r) => r.code)).toEqual(['a']);
    expect([own.removals, own.reversals, own.reversalCount]).toEqual([[], [], 0]);
  });
});

describe('setters view', () => {
  it('names the min and max setters and every other unit’s score without each', () => {
    const s = scaleView(round(), '乡镇', 'budget_adjustment')!;
    expect(s.setters.map((x) => [x.side, x.name, x.valueText])).toEqual([
      ['min', '部门a', '1.91%'],
      ['max', '部门c', '5.72%'],
    ]);
    // Without a (min 3.81%): b scores 3. Without c (max 3.81%): b scores 0.
    expect(s.rows.find((r) => r.code === 'b')).toMatchObject({ score: '1.50', without: ['3.00', '0.00'] });
  });
});

describe('what-if view', () => {
  // c lowers its adjustment to 50 (4.76%): still the max; b scores (50 − 40)/(50 − 20) × 3 = 1.00,
  // 97.00, level with a.
  const query = { budget_adjusted: '50' };

  it('shows the bureau which units move and by how much', () => {
    const v = whatIfView(round(), 'c', query, { others: true })!;
    expect(v.result).toMatchObject({ totalBefore: '96.00', totalAfter: '96.00', rankAfter: 3, othersMove: true });
    expect(v.result!.others!.map((o) => [o.name, o.totalBefore, o.totalAfter, o.delta, o.rankBefore, o.rankAfter])).toEqual([
      ['部门b', '97.50', '97.00', '-0.50', 1, 1],
      ['部门a', '97.00', '97.00', '0.00', 2, 1],
    ]);
    expect(v.result!.scales).toEqual([{ leaf: 'budget_adjustment', name: '预算调整率', before: '1.91% – 5.72%', after: '1.91% – 4.76%' }]);
    expect(v.fields.find((f) => f.key === 'budget_adjusted')).toMatchObject({ stored: '60', value: '50' });
  });

  it('tells a department that others move, without naming them or their values', () => {
    const v = whatIfView(round(), 'c', query, { others: false })!;
    expect(v.result).toMatchObject({ othersMove: true, others: null, scales: null });
    expect(JSON.stringify(v)).not.toContain('部门b');
  });

  it('gives the grade (评价等级) now and with the change, and which way it moves', () => {
    // No project of c qualified: 项目质量 (weight 15) falls to 0, 96.00 → 81.00, 优 → 良.
    const down = whatIfView(round(), 'c', { projects_qualified: '0' }, { others: false })!;
    expect(down.result).toMatchObject({ totalAfter: '81.00', gradeBefore: '优', gradeAfter: '良', gradeMove: 'down' });
    const same = whatIfView(round(), 'c', query, { others: false })!;
    expect(same.result).toMatchObject({ gradeBefore: '优', gradeAfter: '优', gradeMove: null });
  });

  it('names each bad value’s field by its Chinese header', () => {
    const v = whatIfView(round(), 'c', { budget_adjusted: '-1' }, { others: true })!;
    expect(v.result).toBeNull();
    expect(v.problems.map((p) => [p.key, p.label])).toEqual([['budget_adjusted', '预算调整数（万元）']]);
  });

  it('words the problems in the viewer’s language, names from the system left as written', () => {
    const query = { budget_adjusted: 'abc', key_project_spending: '999999', 'fund_compliance.1': '也许' };
    const zh = whatIfView(round(), 'c', query, { others: true, locale: 'zh-CN' })!;
    const en = whatIfView(round(), 'c', query, { others: true, locale: 'en' })!;
    expect(zh.problems.map((p) => p.message)).toEqual([
      '“也许”不是 是/否',
      '预算调整数不是有效的数字：“abc”',
      expect.stringMatching(/^重点项目支出（999999）不能大于 项目总支出（[\d.]+）（重点支出安排率）$/),
    ]);
    expect(en.problems.map((p) => p.message)).toEqual([
      '“也许” is not yes or no',
      '“abc” is not a number',
      expect.stringMatching(/^\(999999\) cannot be more than 项目总支出 \([\d.]+\) in 重点支出安排率$/),
    ]);
  });
});
