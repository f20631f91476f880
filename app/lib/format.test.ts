import { describe, expect, it } from 'vitest';
import { D } from '@/lib/scoring';
import { fmtQuantity, fmtRate, fmtSigned, groupDigits } from './format';

describe('number formats', () => {
  it('shows amounts in 万元 with digit grouping and the decimals as submitted', () => {
    expect(fmtQuantity('1209.54', { name: '预算完成数', unit: '万元' })).toBe('1,209.54 万元');
    expect(fmtQuantity('103.63454', { name: '实际在用固定资产总额', unit: '万元' })).toBe('103.63454 万元');
    expect(fmtQuantity('0', { name: '结转结余总额', unit: '万元' })).toBe('0 万元');
  });

  it('shows counts with their unit and without grouping', () => {
    expect(fmtQuantity('1200', { name: '编制数', unit: '人' })).toBe('1200 人');
  });

  it('leaves text that is not a plain number untouched', () => {
    expect(groupDigits('优秀')).toBe('优秀');
    expect(groupDigits('-12345.6')).toBe('-12,345.6');
  });

  it('shows rates as percentages with 2 decimals, rounding half up', () => {
    expect(fmtRate(new D('0.982145'))).toBe('98.21%');
    expect(fmtRate(new D('0.000125'))).toBe('0.01%');
  });

  it('signs a self-score difference so over-reporting reads as +', () => {
    expect(fmtSigned(new D('1.2'))).toBe('+1.20');
    expect(fmtSigned(new D('-0.5'))).toBe('-0.50');
    expect(fmtSigned(new D('0'))).toBe('0.00');
  });
});
