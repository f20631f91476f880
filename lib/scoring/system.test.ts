import { describe, expect, it } from 'vitest';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, indexSystem, loadSystem, parseSystem, SystemError } from '@/lib/scoring';
import { banded, leaf, ratio, systemDoc, type Json } from '@/tests/scoring/helpers';

const judgement = (code: string, weight: number | string) => leaf(code, weight, { kind: 'judgement', points: [] });
const errorsOf = (doc: Json) => {
  const r = parseSystem(doc);
  expect(r.ok).toBe(false);
  return r.errors;
};
/** A two-level system (level-1 → leaves) from raw level-1 nodes. */
const tree = (indicators: Json[], extra: Json = {}): Json => ({
  format: 'dept-scorecard/system@1',
  id: 'custom',
  name: '自定义体系',
  ...extra,
  indicators,
});
const branch = (code: string, weight: number | string, children: Json[]): Json => ({ code, name: code, weight, children });
/** Grade bands for a total other than 100, which must declare its own (spec §7). */
const OWN_GRADES = [
  { label: '好', min: 50 },
  { label: '差', min: 0 },
];

describe('system validation errors name the node', () => {
  it('a duplicate code is rejected naming the code', () => {
    const errors = errorsOf(systemDoc([judgement('dup', 50), judgement('dup', 50)]));
    expect(errors).toContainEqual(expect.stringContaining('节点 dup：代码重复'));
  });

  it.each([0, -1, '0.00'])('a weight of %j is rejected naming the node', (w) => {
    const errors = errorsOf(tree([branch('a', 100, [judgement('bad', w), judgement('ok', 100)])]));
    expect(errors).toContainEqual('节点 bad：分值须大于 0');
  });

  it("children whose weights do not sum to the parent's are rejected naming the parent", () => {
    const errors = errorsOf(tree([branch('a', 100, [judgement('x', 60), judgement('y', 39)])]));
    expect(errors).toEqual(['节点 a（a）：下级分值合计 99 ≠ 本级分值 100']);
  });

  it('level-1 weights that do not sum to 100 are rejected', () => {
    const errors = errorsOf(tree([branch('a', 60, [judgement('x', 60)]), branch('b', 30, [judgement('y', 30)])]));
    expect(errors).toEqual(['体系：一级指标分值合计 90 ≠ 100（如总分不是 100，须写明 "total"）']);
  });

  it('a total other than 100 is accepted when an explicit "total" matches', () => {
    const r = parseSystem(tree([branch('a', 60, [judgement('x', 60)]), branch('b', 30, [judgement('y', 30)])], { total: 90, grades: OWN_GRADES }));
    expect(r.errors).toEqual([]);
    expect(r.system!.total.toString()).toBe('90');
  });

  it('an explicit "total" that does not match is rejected', () => {
    const errors = errorsOf(tree([branch('a', 60, [judgement('x', 60)])], { total: '59.5', grades: OWN_GRADES }));
    expect(errors).toEqual(['体系：一级指标分值合计 60 ≠ total 59.5']);
  });

  it('decimal weights are summed exactly (33.33 + 33.33 + 33.34 = 100)', () => {
    const r = parseSystem(tree([branch('a', '33.33', [judgement('x', '33.33')]), branch('b', 33.33, [judgement('y', 33.33)]), branch('c', '33.34', [judgement('z', '33.34')])]));
    expect(r.errors).toEqual([]);
  });

  it('full and zero in the wrong order for better = lower are rejected naming the node', () => {
    const errors = errorsOf(systemDoc([leaf('ctl', 1, banded(ratio('a', 'b'), 'lower', '1.15', '1'))]));
    expect(errors).toEqual([expect.stringMatching(/^节点 ctl：better 为 lower 时，满分线 full \(1\.15\) 须小于零分线 zero \(1\)$/)]);
  });

  it('full and zero in the wrong order for better = higher are rejected naming the node', () => {
    const errors = errorsOf(systemDoc([leaf('done', 5, banded(ratio('a', 'b'), 'higher', '0.85', '0.95'))]));
    expect(errors).toEqual([expect.stringContaining('节点 done：better 为 higher 时')]);
  });

  it('equal full and zero thresholds leave no band and are rejected', () => {
    const errors = errorsOf(systemDoc([leaf('eq', 5, banded(ratio('a', 'b'), 'lower', '1', '1'))]));
    expect(errors).toEqual([expect.stringContaining('节点 eq')]);
  });

  it('a malformed threshold string is rejected naming the node and the threshold', () => {
    const errors = errorsOf(systemDoc([leaf('ctl', 1, banded(ratio('a', 'b'), 'lower', '1', '1.1.5'))]));
    expect(errors).toContainEqual(expect.stringContaining('节点 ctl rule.zero：不是有效的数字：“1.1.5”'));
  });

  it('a malformed weight is rejected naming the node', () => {
    const errors = errorsOf(tree([branch('a', 100, [judgement('x', '5O'), judgement('y', 95)])]));
    expect(errors).toContainEqual(expect.stringContaining('节点 x weight'));
  });

  it('a leaf directly at level 1 is rejected', () => {
    const errors = errorsOf(tree([judgement('solo', 100)]));
    expect(errors).toContainEqual('节点 solo：一级指标须有下级指标');
  });

  it('an unknown rule kind is rejected naming the node', () => {
    const errors = errorsOf(systemDoc([leaf('odd', 5, { kind: 'lottery' })]));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^节点 odd rule/);
  });

  it('every error is listed, not only the first', () => {
    const errors = errorsOf(
      tree([branch('a', 100, [judgement('dup', 50), judgement('dup', 50)]), branch('b', 10, [judgement('neg', -10), judgement('p', 15)])]),
    );
    expect(errors).toEqual([
      '节点 dup：代码重复',
      '节点 neg：分值须大于 0',
      '节点 b（b）：下级分值合计 5 ≠ 本级分值 10',
      '体系：一级指标分值合计 110 ≠ 100（如总分不是 100，须写明 "total"）',
    ]);
  });

  it('loadSystem throws a SystemError carrying every error', () => {
    let thrown: unknown;
    try {
      loadSystem(systemDoc([judgement('dup', 50), judgement('dup', 50)]));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SystemError);
    expect((thrown as SystemError).errors).toContainEqual(expect.stringContaining('节点 dup'));
    expect((thrown as SystemError).message).toContain('节点 dup：代码重复');
  });
});

describe('rule checks at load (issue 11 §1)', () => {
  it('a proportional rule on a change metric is refused naming the node (a 50 % fall would score below 0)', () => {
    const errors = errorsOf(systemDoc([leaf('grow', 5, { kind: 'proportional', metric: { change: ['curr', 'prev'] } })]));
    expect(errors).toEqual(['节点 grow：proportional 规则只适用于比率指标（ratio），变动率（change）可为负，请改用 banded 规则']);
  });

  it('a proportional rule on a ratio still loads', () => {
    expect(parseSystem(systemDoc([leaf('pay', 5, { kind: 'proportional', metric: ratio('paid', 'due') })])).errors).toEqual([]);
  });

  it('a weight with 3 decimals is refused naming the node: scores have 2, so full marks could never be reached', () => {
    const errors = errorsOf(tree([branch('a', 100, [judgement('x', '33.333'), judgement('y', '33.333'), judgement('z', '33.334')])]));
    expect(errors).toContainEqual('节点 x：分值 33.333 超过 2 位小数（得分保留 2 位小数，满分将无法得到）');
    expect(errors).toContainEqual(expect.stringMatching(/^节点 z：分值 33\.334 超过 2 位小数/));
  });

  it('trailing zeros are not decimals: a weight of "12.500" loads', () => {
    expect(parseSystem(tree([branch('a', 100, [judgement('x', '12.500'), judgement('y', '87.5')])])).errors).toEqual([]);
  });

  it('checklist tier scores and grade scores with 3 decimals are refused naming the node', () => {
    const errors = errorsOf(
      systemDoc([
        leaf('pts', 2, { kind: 'checklist', items: ['一'], tiers: [{ met: 1, score: '1.005' }] }),
        leaf('sat', 5, { kind: 'grade', grades: [{ label: '好', score: '4.999' }, { label: '差', score: 0 }] }),
      ]),
    );
    expect(errors).toEqual([
      '节点 pts：档次 met=1 的分数 1.005 超过 2 位小数（得分保留 2 位小数，满分将无法得到）',
      '节点 sat：等级“好”的分数 4.999 超过 2 位小数（得分保留 2 位小数，满分将无法得到）',
    ]);
  });
});

describe('system warnings are returned, not thrown', () => {
  it('a checklist tier above the weight is a warning naming the node, and the system loads', () => {
    const doc = systemDoc([leaf('pts', 2, { kind: 'checklist', items: ['一', '二', '三'], tiers: [{ met: 3, score: 3 }, { met: 0, score: 0 }] }, '要点')]);
    const { system, warnings } = loadSystem(doc);
    expect(warnings).toEqual(['节点 pts（要点）：规则最高可得 3，超过分值 2，得分按分值封顶']);
    expect(indexSystem(system).byCode.get('pts')!.maxAttainable.toString()).toBe('3');
  });

  it('a grade above the weight is a warning too', () => {
    const r = parseSystem(systemDoc([leaf('sat', 4, { kind: 'grade', grades: [{ label: '优秀', score: 5 }, { label: '差', score: 0 }] })]));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.stringContaining('节点 sat')]);
  });

  it('the built-in julu-2021 loads with exactly one warning, for 资产管理完整性', () => {
    const r = parseSystem(BUILTIN_SYSTEM_DOCUMENTS['julu-2021']);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['节点 asset_integrity（资产管理完整性）：规则最高可得 3，超过分值 2，得分按分值封顶']);
  });
});

describe('the built-in system julu-2021', () => {
  const sys = builtinSystem('julu-2021')!;
  const idx = indexSystem(sys);

  it('has the 23 leaves of the seed in its order', () => {
    expect(idx.leaves.map((l) => l.leaf.code)).toEqual([
      'duty_clarity', 'activity_compliance', 'activity_rationality', 'staff_control', 'three_public_change', 'key_spending',
      'budget_completion', 'budget_adjustment', 'payment_progress', 'carryover', 'public_expense_control', 'procurement_execution',
      'fund_compliance', 'disclosure', 'basic_info', 'asset_integrity', 'fixed_asset_utilization', 'duty_completion',
      'project_quality', 'economic_benefit', 'social_benefit', 'ecological_benefit', 'satisfaction',
    ]);
  });

  it('has level-1 weights 投入 10, 过程 45, 产出 25, 效果 20 and the seven level-2 nodes', () => {
    expect(idx.level1.map((n) => [n.code, n.name, n.weight.toNumber()])).toEqual([
      ['input', '投入', 10],
      ['process', '过程', 45],
      ['output', '产出', 25],
      ['effect', '效果', 20],
    ]);
    expect(idx.level2.map((l) => l.node.code)).toEqual([
      'goal_setting', 'budget_allocation', 'budget_execution', 'budget_management', 'asset_management', 'duty_performance', 'benefits',
    ]);
  });

  it('an unknown built-in id gives null', () => {
    expect(builtinSystem('nowhere-1999')).toBeNull();
  });
});
