import { describe, expect, it } from 'vitest';
import { D } from '@/lib/scoring';
import { codeLineage, movements, type Standing } from './movement';

const s = (code: string, rank: number, total: string, group = '乡镇'): Standing => ({ code, group, rank, total: new D(total) });

describe('movement against last year', () => {
  it('shows a move of one rank, and no arrow for a 0.5-point change of the total', () => {
    const m = movements([s('a', 7, '88.50')], [s('a', 8, '88.00')]).get('a')!;
    expect(m).toMatchObject({ kind: 'compared', rankChange: 1, rankArrow: 'up', totalArrow: null });
    if (m.kind === 'compared') expect(m.totalChange.toFixed(2)).toBe('0.50');
  });

  it('arrows a total change of exactly 2 points either way, not 1.99', () => {
    const m = movements([s('up', 1, '92.00'), s('down', 2, '86.00'), s('flat', 3, '84.01')], [s('up', 1, '90.00'), s('down', 2, '88.00'), s('flat', 3, '86.00')]);
    expect(m.get('up')).toMatchObject({ rankChange: 0, rankArrow: null, totalArrow: 'up' });
    expect(m.get('down')).toMatchObject({ totalArrow: 'down' });
    expect(m.get('flat')).toMatchObject({ totalArrow: null });
  });

  it('counts places moved down as negative', () => {
    expect(movements([s('a', 10, '70')], [s('a', 8, '71')]).get('a')).toMatchObject({ rankChange: -2, rankArrow: 'down' });
  });

  it('marks a unit new this year, and follows a linked earlier code', () => {
    const links = new Map([['new-code', ['old-code']]]);
    const m = movements([s('fresh', 1, '90'), s('new-code', 2, '85')], [s('old-code', 5, '80')], links);
    expect(m.get('fresh')).toEqual({ kind: 'new' });
    expect(m.get('new-code')).toMatchObject({ kind: 'compared', previousCode: 'old-code', rankChange: 3 });
  });

  it('prefers the unit’s own code to a linked one, and does not compare ranks across groups', () => {
    const m = movements([s('a', 2, '85', '县直部门')], [s('a', 4, '80', '乡镇'), s('b', 1, '99', '县直部门')], new Map([['a', ['b']]]));
    expect(m.get('a')).toMatchObject({ previousCode: 'a', rankChange: null, rankArrow: null, totalArrow: 'up' });
  });

  it('follows chains of renames and survives a loop', () => {
    const links = new Map([
      ['c', ['b']],
      ['b', ['a']],
      ['a', ['c']],
    ]);
    expect(codeLineage('c', links)).toEqual(['c', 'b', 'a']);
  });
});
