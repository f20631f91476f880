import { describe, expect, it } from 'vitest';
import { xRange } from './x-range';

describe('the distribution chart’s x-axis', () => {
  it('reaches both thresholds even when every value lies far from one (carryover’s 零分线 at 50%)', () => {
    const r = xRange([0, 3.2, 11.5, 19.8], [5, 50]);
    expect(r.min).toBeLessThan(0);
    expect(r.max).toBeGreaterThan(50);
  });

  it('keeps negative changes and a threshold at -5% inside', () => {
    const r = xRange([-12.4, 3.1], [-5, 0]);
    expect(r.min).toBeLessThan(-12.4);
    expect(r.max).toBeGreaterThan(3.1);
  });

  it('gives a single value room on both sides', () => {
    expect(xRange([100], [100])).toEqual({ min: 90, max: 110 });
  });
});
