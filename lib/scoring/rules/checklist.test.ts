import { describe, expect, it } from 'vitest';
import { JULU, juluDept, leaf, leafOf, score, scoreText, system, textOf } from '@/tests/scoring/helpers';

const answers = (met: number, of: number) => Array.from({ length: of }, (_, i) => i < met);
const run = (code: string, met: number, of: number) => score(JULU, [juluDept('d', { checklists: { [code]: answers(met, of) } })]);

describe('checklist rule', () => {
  it.each([
    [8, '8.00'],
    [7, '6.00'],
    [6, '4.00'],
    [5, '2.00'],
    [4, '0.00'],
    [0, '0.00'],
  ])('资金使用合规性 with %i of 8 points met scores %s', (met, expected) => {
    const s = run('fund_compliance', met, 8);
    expect(scoreText(s, 'd', 'fund_compliance')).toBe(expected);
    expect(leafOf(s, 'd', 'fund_compliance').status).toBe('tier');
  });

  it.each([
    [4, '4.00'],
    [3, '2.00'],
    [2, '1.00'],
    [1, '0.00'],
  ])('基础信息完善性 with %i of 4 points met scores %s', (met, expected) => {
    expect(scoreText(run('basic_info', met, 4), 'd', 'basic_info')).toBe(expected);
  });

  it('which points are met does not matter, only how many', () => {
    const s = score(JULU, [juluDept('d', { checklists: { disclosure: [false, true, true] } })]);
    expect(scoreText(s, 'd', 'disclosure')).toBe('2.00');
  });

  it('the formula names the count and the tier reached', () => {
    const l = leafOf(run('fund_compliance', 7, 8), 'd', 'fund_compliance');
    expect(textOf(JULU, l).formula).toBe('符合 7/8 项 → 档次“符合 7 项”得 6 = 6.00');
    expect(l.explanation.inputs['fund_compliance.8']).toBe(false);
    expect(textOf(JULU, l).inputs['fund_compliance.8']).toBe('否');
    expect(textOf(JULU, l).inputs['fund_compliance.1']).toBe('是');
  });

  it('names the points not met in what full marks need, and nothing once full', () => {
    const missed = leafOf(score(JULU, [juluDept('d', { checklists: { fund_compliance: [true, true, false, true, false, true, true, true] } })]), 'd', 'fund_compliance');
    expect(textOf(JULU, missed).target).toBe('资金使用合规性全部 8 项评价要点符合可得满分（要点 3、5 不符合）');
    const full = leafOf(run('fund_compliance', 8, 8), 'd', 'fund_compliance');
    expect(textOf(JULU, full).target).toBe('资金使用合规性全部 8 项评价要点符合可得满分');
  });

  it('a count below every tier scores zero and says no tier was reached', () => {
    const sys = system([
      leaf('pts', 2, {
        kind: 'checklist',
        items: ['一', '二', '三'],
        tiers: [
          { met: 3, score: 2 },
          { met: 2, score: 1 },
        ],
      }),
    ]);
    const s = score(sys, [{ code: 'a', name: 'A', inputs: {}, checklists: { pts: [true, false, false] }, judgements: { rest: 0 } }]);
    expect(scoreText(s, 'a', 'pts')).toBe('0.00');
    expect(textOf(sys, leafOf(s, 'a', 'pts')).formula).toContain('未达到任何档次');
  });

  describe('资产管理完整性: tiers up to 3 on a weight of 2', () => {
    it('all 3 points met is capped at the weight 2', () => {
      const l = leafOf(run('asset_integrity', 3, 3), 'd', 'asset_integrity');
      expect(l.score.toFixed(2)).toBe('2.00');
      expect(l.explanation.capped).toBe(true);
      expect(textOf(JULU, l).formula).toBe('符合 3/3 项 → 档次“符合 3 项”得 3，超过分值 2，按 2 计 = 2.00');
    });

    it('2 points met scores 2 without a cap, 1 point scores 1', () => {
      const two = leafOf(run('asset_integrity', 2, 3), 'd', 'asset_integrity');
      expect(two.score.toFixed(2)).toBe('2.00');
      expect(two.explanation.capped).toBe(false);
      expect(scoreText(run('asset_integrity', 1, 3), 'd', 'asset_integrity')).toBe('1.00');
    });

    it('the target says 2 points are already enough for full marks', () => {
      const l = leafOf(run('asset_integrity', 1, 3), 'd', 'asset_integrity');
      expect(textOf(JULU, l).target).toBe('资产管理完整性符合至少 2 项评价要点可得满分（要点 2、3 不符合）');
    });
  });
});
