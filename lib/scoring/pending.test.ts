import { describe, expect, it } from 'vitest';
import { JULU, deptOf, juluDept, leafOf, parse } from '@/tests/scoring/helpers';
import { combinePanel } from './panel';
import { D } from './decimal';
import { scoreCohort } from './score';
import { scoresToJson } from './json';
import { renderExplanation } from './explain/render';
import type { JudgementExplanation } from './explain/types';

const formula = (e: unknown) => renderExplanation(e as JudgementExplanation, JULU, 'zh-CN').formula;

const unevaluated = (code: string, drop: string[], self?: Record<string, string>) => {
  const d = juluDept(code, self ? { self_scores: self } : {});
  const judgements = { ...(d.judgements as Record<string, unknown>) };
  for (const k of drop) delete judgements[k];
  return { ...d, judgements };
};

describe('a judgement leaf without an evaluation is pending (spec §7)', () => {
  it('it scores nothing, and the total is provisional with its range [at 0, at full]', () => {
    const s = scoreCohort(JULU, parse(JULU, [unevaluated('d', ['duty_completion', 'economic_benefit'])]));
    const d = deptOf(s, 'd');
    expect(leafOf(s, 'd', 'duty_completion')).toMatchObject({ status: 'pending' });
    expect(leafOf(s, 'd', 'duty_completion').score.toFixed(2)).toBe('0.00');
    // The seed scores 96.00 with duty_completion 10 and economic_benefit 4: 96 − 14 = 82, + 10 + 5 = 97.
    expect(d.total.toFixed(2)).toBe('82.00');
    expect(d.provisional).toBe(true);
    expect(d.totalMax!.toFixed(2)).toBe('97.00');
    expect(formula(leafOf(s, 'd', 'duty_completion').explanation)).toContain('待评议');
    expect(leafOf(s, 'd', 'duty_completion').explanation).toMatchObject({ rule: 'judgement', given: null });
  });

  it('an evaluated department is not provisional and has no range', () => {
    const d = deptOf(scoreCohort(JULU, parse(JULU, [juluDept('d')])), 'd');
    expect(d.provisional).toBeUndefined();
    expect(d.totalMax).toBeUndefined();
  });

  it("the department's own figure for a judgement leaf is a self-score and never counts", () => {
    const s = scoreCohort(JULU, parse(JULU, [unevaluated('d', ['economic_benefit'], { economic_benefit: '5', total: '97' })]));
    expect(leafOf(s, 'd', 'economic_benefit').score.toFixed(2)).toBe('0.00');
    expect(leafOf(s, 'd', 'economic_benefit').self!.toFixed(2)).toBe('5.00');
    // No difference against a score that does not exist yet.
    expect(leafOf(s, 'd', 'economic_benefit').selfDiff).toBeUndefined();
    expect(deptOf(s, 'd').selfTotalDiff).toBeUndefined();
  });

  it('the Scores JSON says provisional and gives the range', () => {
    const j = scoresToJson(scoreCohort(JULU, parse(JULU, [unevaluated('d', ['social_benefit'])]))) as { departments: Record<string, unknown>[] };
    expect(j.departments[0]).toMatchObject({ total: '91.00', provisional: true, total_range: ['91.00', '96.00'] });
  });

  it('ranks use the total with pending leaves at 0', () => {
    const s = scoreCohort(JULU, parse(JULU, [unevaluated('a', ['duty_completion']), juluDept('b')]));
    expect(deptOf(s, 'b').rank).toBe(1);
    expect(deptOf(s, 'a').rank).toBe(2);
  });

  it("a panel's combined score is the leaf's score, and its explanation lists every reviewer and the spread", () => {
    const [d] = parse(JULU, [juluDept('d')]);
    const p = combinePanel(
      [
        { by: 'pingshen1', score: new D('8'), comment: '完成较好' },
        { by: 'pingshen2', score: new D('9.25') },
      ],
      'mean',
      { spreadThreshold: new D('1') },
    );
    const s = scoreCohort(JULU, [{ ...d!, judgements: { ...d!.judgements, duty_completion: p.score }, panels: { duty_completion: p } }]);
    const leaf = leafOf(s, 'd', 'duty_completion');
    expect(leaf.score.toFixed(2)).toBe('8.63');
    const e = leaf.explanation as JudgementExplanation;
    expect(e.panel?.scores).toEqual([
      { by: 'pingshen1', score: '8.00', comment: '完成较好' },
      { by: 'pingshen2', score: '9.25' },
    ]);
    expect(formula(e)).toContain('分差 1.25');
    expect(formula(e)).toContain('需讨论');
    expect(renderExplanation(e, JULU, 'en').formula).toContain('spread 1.25, above the threshold');
  });
});
