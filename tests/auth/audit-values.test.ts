import { describe, expect, it } from 'vitest';
import { valueLines } from '@/app/admin/audit/values';

describe('audit values as lines', () => {
  it('shows a changed cell under its dotted key', () => {
    expect(valueLines({ version: 2, values: { duty_completion: '7.5' }, reason: '材料不全' })).toEqual(['version: 2', 'values.duty_completion: 7.5', 'reason: 材料不全']);
  });

  it('shows a cleared value as a dash and nothing for no value at all', () => {
    expect(valueLines({ comment: null })).toEqual(['comment: —']);
    expect(valueLines(null)).toEqual([]);
  });

  it('counts a large map instead of listing it', () => {
    const versions = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, 1]));
    expect(valueLines({ departments: 30, versions })).toEqual(['departments: 30', 'versions: 30 项']);
  });
});
