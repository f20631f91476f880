import { describe, expect, it } from 'vitest';
import { parseSystem, scoresToJson } from '@/lib/scoring';
import { deptOf, JULU, juluDept, score, system, systemDoc, type Json } from '@/tests/scoring/helpers';

// One judgement leaf of weight 100 (the `rest` padding), so a department's total is exactly the given score.
const HUNDRED = system([]);
const withTotal = (sys: typeof HUNDRED, total: string) => deptOf(score(sys, [{ code: 'a', name: 'A', inputs: {}, judgements: { rest: total } }]), 'a');

describe('grades on the total (spec §7), default bands 优 ≥ 90 / 良 80–<90 / 中 60–<80 / 差 < 60', () => {
  it.each([
    ['100', '优'],
    ['90.00', '优'],
    ['89.99', '良'],
    ['80', '良'],
    ['79.99', '中'],
    ['60', '中'],
    ['59.99', '差'],
    ['0', '差'],
  ])('a total of %s is %s', (total, grade) => {
    expect(withTotal(HUNDRED, total).grade).toBe(grade);
  });

  it('the seed township (96.00) is 优, and the Scores JSON carries the grade', () => {
    const s = score(JULU, [juluDept('d')]);
    expect(deptOf(s, 'd').grade).toBe('优');
    const json = scoresToJson(s) as { departments: Record<string, unknown>[] };
    expect(json.departments[0]).toMatchObject({ total: '96.00', grade: '优' });
  });
});

describe('a system’s own grade bands', () => {
  const doc = (extra: Json) => systemDoc([], extra);

  it('are used instead of the defaults, whatever their order in the file', () => {
    const sys = system([], {
      grades: [
        { label: '合格', min: 60 },
        { label: '不合格', min: 0 },
        { label: '优秀', min: '85' },
      ],
    });
    expect(withTotal(sys, '84.99').grade).toBe('合格');
    expect(withTotal(sys, '85').grade).toBe('优秀');
    expect(withTotal(sys, '59.99').grade).toBe('不合格');
  });

  it('a min with more decimals than a total compares exactly: 89.995 needs 90.00', () => {
    const sys = system([], { grades: [{ label: 'A', min: '89.995' }, { label: 'B', min: 0 }] });
    expect(withTotal(sys, '89.99').grade).toBe('B');
    expect(withTotal(sys, '90.00').grade).toBe('A');
  });

  it('are required when the total is not 100, naming the key', () => {
    const r = parseSystem({ ...doc({}), total: 150, indicators: [{ code: 'l1', name: '一级', weight: 150, children: [{ code: 'j', name: '评分', weight: 150, rule: { kind: 'judgement', points: [] } }] }] });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.stringMatching(/^体系 grades：总分为 150 而不是 100，须写明评价等级 "grades"/)]);
  });

  it('with a total of 150, declared bands load and grade on that scale', () => {
    const r = parseSystem({
      ...doc({}),
      total: 150,
      grades: [{ label: '好', min: 120 }, { label: '差', min: 0 }],
      indicators: [{ code: 'l1', name: '一级', weight: 150, children: [{ code: 'j', name: '评分', weight: 150, rule: { kind: 'judgement', points: [] } }] }],
    });
    expect(r.errors).toEqual([]);
    const s = score(r.system!, [{ code: 'a', name: 'A', inputs: {}, judgements: { j: '120' } }]);
    expect(deptOf(s, 'a').grade).toBe('好');
  });

  it.each([
    [[{ label: '优', min: 90 }, { label: '优', min: 0 }], /体系 grades\.1（优）：等级名称重复/],
    [[{ label: '优', min: 90 }, { label: '良', min: 60 }], /体系 grades：最低等级的 min 须为 0/],
    [[{ label: '优', min: 120 }, { label: '差', min: 0 }], /体系 grades\.0（优）：min 120 应在 0 至总分 100 之间/],
    [[{ label: '优', min: '9O' }, { label: '差', min: 0 }], /体系 grades\.0（优） min：不是有效的数字/],
    [[{ label: '甲', min: 60 }, { label: '乙', min: '60.0' }, { label: '丙', min: 0 }], /体系 grades\.1（乙）：min 60 与另一等级相同/],
  ])('bad bands are refused at load, naming the band (%#)', (grades, message) => {
    const r = parseSystem(doc({ grades }));
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual(expect.stringMatching(message));
  });
});
