import { describe, expect, it } from 'vitest';
import { heatColor } from './heat-color';

describe('heat colour', () => {
  it('runs from soft red at zero through sand to pale green at full marks', () => {
    expect(heatColor(0)).toBe('rgb(236,166,160)');
    expect(heatColor(0.5)).toBe('rgb(248,222,178)');
    expect(heatColor(1)).toBe('rgb(226,241,231)');
  });

  it('clamps rates outside 0…1 instead of inventing colours', () => {
    expect(heatColor(-0.2)).toBe(heatColor(0));
    expect(heatColor(1.3)).toBe(heatColor(1));
  });
});
