import { describe, expect, it } from 'vitest';
import { JULU, juluDept, leafOf, score, scoreText, textOf } from '@/tests/scoring/helpers';

describe('proportional rule (支付进度率, weight 5)', () => {
  const run = (payments: number | string, payment_target: number | string) =>
    score(JULU, [juluDept('d', { inputs: { payments, payment_target } })]);

  it('a payment progress of 60% earns 60% of the weight', () => {
    const s = run(600, 1000);
    expect(scoreText(s, 'd', 'payment_progress')).toBe('3.00');
    expect(leafOf(s, 'd', 'payment_progress').status).toBe('proportional');
    expect(leafOf(s, 'd', 'payment_progress').explanation.capped).toBe(false);
    expect(textOf(JULU, leafOf(s, 'd', 'payment_progress')).formula).toBe('得分 = min(1, 60.00%) × 5 = 3.00');
  });

  it('a payment progress above 100% is capped at the weight', () => {
    const s = run(1200, 1000);
    expect(scoreText(s, 'd', 'payment_progress')).toBe('5.00');
    expect(leafOf(s, 'd', 'payment_progress').explanation.capped).toBe(true);
  });

  it('exactly 100% earns the full weight without being capped', () => {
    const s = run('1209.54', '1209.54');
    expect(scoreText(s, 'd', 'payment_progress')).toBe('5.00');
    expect(leafOf(s, 'd', 'payment_progress').explanation.capped).toBe(false);
  });

  it('a progress of zero earns zero', () => {
    expect(scoreText(run(0, 1000), 'd', 'payment_progress')).toBe('0.00');
  });

  it('the target says how much must be paid for full marks', () => {
    const l = leafOf(run(600, 1000), 'd', 'payment_progress');
    expect(textOf(JULU, l).target).toBe('支付进度率 ≥ 100.00% 可得满分（年度支付数 ≥ 1,000 万元）');
  });
});
