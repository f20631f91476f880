import { describe, expect, it } from 'vitest';
import { formatProblem } from '@/lib/scoring';
import { JULU, juluDept, leaf, leafOf, problemsOf, score, scoreText, system, textOf } from '@/tests/scoring/helpers';

const run = (grade: string) => score(JULU, [juluDept('d', { grades: { satisfaction: grade } })]);

describe('grade rule (服务对象满意度, weight 5)', () => {
  it.each([
    ['优秀', '5.00'],
    ['良好', '3.00'],
    ['合格', '1.00'],
    ['不合格', '0.00'],
  ])('grade %s scores %s', (grade, expected) => {
    const s = run(grade);
    expect(scoreText(s, 'd', 'satisfaction')).toBe(expected);
    expect(leafOf(s, 'd', 'satisfaction').status).toBe('grade');
  });

  it.each([
    ['excellent', '优秀', '5.00'],
    ['good', '良好', '3.00'],
    ['pass', '合格', '1.00'],
    ['fail', '不合格', '0.00'],
    ['Excellent', '优秀', '5.00'],
    [' GOOD ', '良好', '3.00'],
  ])('the English alias %j counts as %s and scores %s', (alias, label, expected) => {
    const s = run(alias);
    expect(scoreText(s, 'd', 'satisfaction')).toBe(expected);
    expect(leafOf(s, 'd', 'satisfaction').explanation.inputs.satisfaction).toBe(label);
  });

  it('an unknown grade is rejected naming the department, the leaf and the allowed grades', () => {
    const problems = problemsOf(JULU, [juluDept('d', { grades: { satisfaction: '很好' } })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ department: 'd', field: 'grades.satisfaction' });
    expect(formatProblem(problems[0]!)).toContain('很好');
    expect(problems[0]!.message).toContain('优秀/良好/合格/不合格');
  });

  it('the aliases apply only to the standard labels: a system with its own labels is read by them alone', () => {
    const own = (labels: string[]) =>
      system([leaf('sat', 5, { kind: 'grade', grades: labels.map((label, i) => ({ label, score: String(5 - i) })) }, '满意度')]);
    const dept = (grade: string) => ({ code: 'a', name: 'A', inputs: {}, grades: { sat: grade }, judgements: { rest: 0 } });
    // A system whose own labels are English words: "good" is its own label, never 良好.
    const english = own(['excellent', 'good', 'poor']);
    expect(scoreText(score(english, [dept('good')]), 'a', 'sat')).toBe('4.00');
    expect(leafOf(score(english, [dept(' good ')]), 'a', 'sat').explanation.inputs.sat).toBe('good');
    // Labels that differ from the standard four: no alias applies, even for a shared label.
    const local = own(['优秀', '良好', '一般', '差']);
    expect(problemsOf(local, [dept('excellent')])).toMatchObject([{ department: 'a', field: 'grades.sat' }]);
    expect(scoreText(score(local, [dept('优秀')]), 'a', 'sat')).toBe('5.00');
  });

  it('the target names the best grade', () => {
    expect(textOf(JULU, leafOf(run('合格'), 'd', 'satisfaction')).target).toBe('服务对象满意度评为“优秀”可得满分');
  });
});
