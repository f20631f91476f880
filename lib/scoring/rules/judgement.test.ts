import { describe, expect, it } from 'vitest';
import { JULU, juluDept, leafOf, problemsOf, score, scoreText, textOf } from '@/tests/scoring/helpers';

const run = (v: number | string) => score(JULU, [juluDept('d', { judgements: { duty_completion: v } })]);
const reject = (v: number | string) => problemsOf(JULU, [juluDept('d', { judgements: { duty_completion: v } })]);

describe('judgement rule (履职完成情况, weight 10)', () => {
  it("the evaluator's score is kept as given", () => {
    const s = run('7.25');
    expect(scoreText(s, 'd', 'duty_completion')).toBe('7.25');
    expect(leafOf(s, 'd', 'duty_completion').status).toBe('judgement');
    expect(textOf(JULU, leafOf(s, 'd', 'duty_completion')).formula).toBe('评价人评分 7.25（满分 10）');
  });

  it('zero and exactly the weight are accepted', () => {
    expect(scoreText(run(0), 'd', 'duty_completion')).toBe('0.00');
    expect(scoreText(run(10), 'd', 'duty_completion')).toBe('10.00');
  });

  it('trailing zeros do not count as extra decimals', () => {
    expect(scoreText(run('7.100'), 'd', 'duty_completion')).toBe('7.10');
  });

  it('a score above the weight is rejected', () => {
    const [p, ...rest] = reject('10.01');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ department: 'd', field: 'judgements.duty_completion' });
    expect(p!.message).toContain('0–10');
  });

  it('a negative score is rejected', () => {
    expect(reject(-1)).toMatchObject([{ department: 'd', field: 'judgements.duty_completion' }]);
  });

  it('a score with 3 decimals is rejected', () => {
    const problems = reject('7.125');
    expect(problems).toMatchObject([{ department: 'd', field: 'judgements.duty_completion' }]);
    expect(problems[0]!.message).toContain('2 位小数');
  });
});
