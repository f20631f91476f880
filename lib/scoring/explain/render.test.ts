import { describe, expect, it } from 'vitest';
import { indexSystem, parseCohort, renderExplanation, scoreCohort, type LeafScore, type System } from '@/lib/scoring';
import { syntheticCohort } from '@/lib/synthetic/cohort';
import { JULU, banded, change, juluDept, leaf, leafOf, score, system, textOf } from '@/tests/scoring/helpers';

const en = (sys: System, l: LeafScore) => textOf(sys, l, 'en');

describe('explanations rendered in English', () => {
  // Three townships at 43/42, 45/42 and 42/38 staff control (the zh-CN example of explanation.test.ts).
  const staff = (code: string, actual: number, authorized: number) => juluDept(code, { inputs: { staff_actual: actual, staff_authorized: authorized } });
  const s = score(JULU, [staff('lo', 43, 42), staff('mid', 45, 42), staff('hi', 42, 38)]);

  it('an interpolated banded score: rule, value, formula with the numbers, and target', () => {
    const t = en(JULU, leafOf(s, 'mid', 'staff_control'));
    expect(t.ruleText).toBe("full marks at ≤ 100.00%; 0 at ≥ 115.00%; in between, interpolated between the min and max of the group's values inside the band");
    expect(t.valueText).toBe('107.14%');
    expect(t.formula).toBe('3 comparable values in the group; score = (max − x) / (max − min) × weight = (110.53% − 107.14%) / (110.53% − 102.38%) × 1 = 0.42');
    expect(t.target).toBe('Full marks at 在职人员控制率 ≤ 100.00% (在职人员数 ≤ 42 人)');
  });

  it('the same explanation in zh-CN keeps the seed wording', () => {
    expect(textOf(JULU, leafOf(s, 'mid', 'staff_control')).formula).toBe(
      '同组 3 个可比值，得分 = (max − x) / (max − min) × 分值 = (110.53% − 107.14%) / (110.53% − 102.38%) × 1 = 0.42',
    );
  });

  it('thresholds, fallback, full-marks and zero lines', () => {
    const one = score(JULU, [juluDept('d', { inputs: { three_public_prev: '12.6', three_public_curr: '13' } })], 'thresholds');
    expect(en(JULU, leafOf(one, 'd', 'three_public_change')).formula).toBe(
      'Between the thresholds: score = (max − x) / (max − min) × weight = (10.00% − 3.17%) / (10.00% − -5.00%) × 2 = 0.91',
    );
    expect(en(JULU, leafOf(one, 'd', 'carryover')).formula).toBe('0.00% ≤ 0.00% (full-marks line): full marks = 4.00');
    expect(en(JULU, leafOf(one, 'd', 'budget_adjustment')).formula).toBe('15.24% ≥ 10.00% (zero line): 0 points = 0.00');
    const alone = score(JULU, [juluDept('d', { inputs: { three_public_prev: '12.6', three_public_curr: '13' } })]);
    expect(en(JULU, leafOf(alone, 'd', 'three_public_change')).formula).toMatch(/^Fewer than 2 comparable values in the group, or max = min, so the thresholds are used: /);
  });

  it('not applicable and infinite values', () => {
    const na = score(JULU, [juluDept('d', { inputs: { three_public_prev: 0, three_public_curr: 0, projects_qualified: 0, projects_completed: 0 } })]);
    expect(en(JULU, leafOf(na, 'd', 'three_public_change'))).toMatchObject({
      valueText: 'not applicable',
      formula: '上年度“三公经费”预算总额 and 本年度“三公经费”预算总额 are both 0: not applicable; full marks = 2.00',
    });
    expect(en(JULU, leafOf(na, 'd', 'project_quality')).formula).toBe('已完成项目个数 is 0: not applicable; full marks = 15.00');
    const inf = score(JULU, [juluDept('d', { inputs: { three_public_prev: 0, three_public_curr: '0.5' } })]);
    expect(en(JULU, leafOf(inf, 'd', 'three_public_change'))).toMatchObject({
      valueText: '∞',
      formula: '上年度“三公经费”预算总额 is 0 and 本年度“三公经费”预算总额 is above 0: the change is infinite; 0 points = 0.00',
    });
  });

  it('proportional, checklist, grade and judgement leaves', () => {
    const d = score(JULU, [
      juluDept('d', {
        inputs: { payments: 600, payment_target: 1000 },
        checklists: { fund_compliance: [true, true, true, true, true, true, true, false], asset_integrity: [true, true, true] },
        grades: { satisfaction: '良好' },
        judgements: { duty_completion: '7.25' },
      }),
    ]);
    expect(en(JULU, leafOf(d, 'd', 'payment_progress'))).toMatchObject({
      ruleText: 'score = min(1, 支付进度率) × weight',
      formula: 'score = min(1, 60.00%) × 5 = 3.00',
      target: 'Full marks at 支付进度率 ≥ 100.00% (年度支付数 ≥ 1,000 万元)',
    });
    const fund = en(JULU, leafOf(d, 'd', 'fund_compliance'));
    expect(fund.formula).toBe('7 of 8 points met → tier "7 met": 6 = 6.00');
    expect(fund.ruleText).toMatch(/^8 met: 8; 7 met: 6; /);
    expect(fund.inputs['fund_compliance.8']).toBe('no');
    expect(fund.target).toBe('Full marks when all 8 evaluation points of 资金使用合规性 are met (point 8 not met)');
    expect(en(JULU, leafOf(d, 'd', 'asset_integrity')).formula).toBe('3 of 3 points met → tier "3 met": 3, above the weight 2, counted as 2 = 2.00');
    expect(en(JULU, leafOf(d, 'd', 'satisfaction'))).toMatchObject({
      formula: 'grade "良好": 3 = 3.00',
      target: 'Full marks when 服务对象满意度 is rated "优秀"',
    });
    expect(en(JULU, leafOf(d, 'd', 'duty_completion'))).toMatchObject({
      ruleText: 'the evaluator scores the evaluation points between 0 and 10',
      formula: "evaluator's score 7.25 (of 10)",
    });
  });

  it('a judgement leaf not yet evaluated (given null, spec §7 pending) says so in both languages', () => {
    const e = { ...leafOf(score(JULU, [juluDept('d')]), 'd', 'duty_completion').explanation, given: null, score: '0.00', inputs: {} };
    expect(renderExplanation(e, JULU, 'zh-CN').formula).toBe('待评议：尚未评分，暂计 0 分（满分 10）');
    expect(renderExplanation(e, JULU, 'en').formula).toBe('pending: not evaluated yet, counted as 0 for now (of 10)');
  });

  it('input labels: field names from the system, checklist items in the viewer’s language', () => {
    const d = score(JULU, [juluDept('d')]);
    const inputs = renderExplanation(leafOf(d, 'd', 'fund_compliance').explanation, JULU, 'en').inputs;
    expect(inputs[0]).toMatchObject({ key: 'fund_compliance.1', value: 'yes' });
    expect(inputs[0]!.label).toMatch(/^Point 1: /);
    const staffInputs = renderExplanation(leafOf(d, 'd', 'staff_control').explanation, JULU, 'en').inputs;
    expect(staffInputs.map((i) => [i.label, i.unit])).toEqual([
      ['在职人员数', '人'],
      ['编制数', '人'],
    ]);
  });

  it('a custom system with its own field names renders without any built-in names', () => {
    const sys = system([leaf('x', 10, banded(change('now', 'before'), 'lower', '0', '0.5'), 'Change rate')], { interpolation: 'thresholds' });
    const r = score(sys, [{ code: 'a', name: 'A', inputs: { now: 125, before: 100 }, judgements: { rest: 0 } }]);
    expect(en(sys, leafOf(r, 'a', 'x'))).toMatchObject({
      formula: 'Between the thresholds: score = (max − x) / (max − min) × weight = (50.00% − 25.00%) / (50.00% − 0.00%) × 10 = 5.00',
      target: 'Full marks at Change rate ≤ 0.00% (now ≤ 100)',
    });
  });

  it('in English no Chinese remains except names that come from the system, for every leaf of 150 synthetic units', () => {
    // Names from data: indicator and field names, units, checklist items, grade labels.
    const names = new Set<string>();
    for (const { leaf: l } of indexSystem(JULU).leaves) {
      names.add(l.name);
      if (l.rule.kind === 'checklist') l.rule.items.forEach((i) => names.add(i));
      if (l.rule.kind === 'grade') l.rule.grades.forEach((g) => names.add(g.label));
    }
    for (const f of Object.values(JULU.fields)) {
      names.add(f.name);
      if (f.unit) names.add(f.unit);
    }
    const byLength = [...names].sort((a, b) => b.length - a.length);
    const parsed = parseCohort(syntheticCohort(JULU, 150, { seed: 7 }), JULU);
    if (!parsed.ok) throw new Error('synthetic cohort invalid');
    for (const policy of ['cohort-in-band', 'cohort-all', 'thresholds'] as const) {
      for (const d of scoreCohort(JULU, parsed.cohort.departments, { policy }).departments) {
        for (const l of Object.values(d.indicators)) {
          const t = renderExplanation(l.explanation, JULU, 'en');
          let all = [t.rule, t.value ?? '', t.formula, t.target, ...t.inputs.map((i) => i.value)].join('\n');
          for (const n of byLength) all = all.split(n).join('');
          expect(all, `${d.code}.${l.code}`).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
        }
      }
    }
  });
});
