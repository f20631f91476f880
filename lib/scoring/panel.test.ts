import { describe, expect, it } from 'vitest';
import { D } from './decimal';
import { combinePanel } from './panel';

const panel = (scores: (string | number)[], rule: 'mean' | 'trimmed-mean' = 'mean', threshold?: string) =>
  combinePanel(
    scores.map((s, i) => ({ by: `r${i + 1}`, score: new D(s) })),
    rule,
    threshold ? { spreadThreshold: new D(threshold) } : {},
  );

describe('a panel of reviewers on one judgement leaf (spec §7)', () => {
  it('two reviewers: the exact mean, rounded half-up to the cent', () => {
    expect(panel(['8', '9']).score.toFixed(2)).toBe('8.50');
    // 4.25 + 4.00 = 8.25 / 2 = 4.125 → 4.13 (half-up, never banker's)
    expect(panel(['4.25', '4']).score.toFixed(2)).toBe('4.13');
  });

  it('a mean that does not terminate is rounded from the exact fraction', () => {
    // (3 + 3 + 4) / 3 = 3.333… → 3.33; (4 + 4 + 5) / 3 = 4.333… → 4.33; (1 + 1 + 0.01)/3 = 0.67
    expect(panel(['3', '3', '4']).score.toFixed(2)).toBe('3.33');
    expect(panel(['1', '1', '0.01']).score.toFixed(2)).toBe('0.67');
  });

  it('five reviewers under the trimmed mean: one highest and one lowest are dropped', () => {
    const p = panel(['2', '7', '8', '9', '10'], 'trimmed-mean');
    expect(p.trimmed).toBe(true);
    expect(p.score.toFixed(2)).toBe('8.00');
    // The plain mean of the same five would be 7.20.
    expect(panel(['2', '7', '8', '9', '10'], 'mean').score.toFixed(2)).toBe('7.20');
  });

  it('four reviewers under the trimmed mean: too few to trim, so the plain mean', () => {
    const p = panel(['2', '7', '8', '9'], 'trimmed-mean');
    expect(p.trimmed).toBe(false);
    expect(p.score.toFixed(2)).toBe('6.50');
  });

  it('every score is kept with who gave it, and the spread covers all of them', () => {
    const p = panel(['2', '7', '8', '9', '10'], 'trimmed-mean');
    expect(p.scores.map((s) => `${s.by}:${s.score.toFixed()}`)).toEqual(['r1:2', 'r2:7', 'r3:8', 'r4:9', 'r5:10']);
    expect(p.spread.toFixed(2)).toBe('8.00');
  });

  it('a spread above the threshold is flagged; one at the threshold is not', () => {
    expect(panel(['6', '9'], 'mean', '2').flagged).toBe(true);
    expect(panel(['7', '9'], 'mean', '2').flagged).toBe(false);
    expect(panel(['0', '10']).flagged).toBe(false);
  });

  it('one reviewer: that score', () => {
    expect(panel(['7.35']).score.toFixed(2)).toBe('7.35');
  });
});
