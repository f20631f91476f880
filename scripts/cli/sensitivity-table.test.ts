import { describe, expect, it } from 'vitest';
import { scoreCohort } from '@/lib/scoring';
import { analyse } from '@/lib/scoring/sensitivity';
import { JULU, parse } from '@/tests/scoring/helpers';
import { THREE } from '@/tests/scoring/sensitivity-arb';
import { sensitivityTable } from './sensitivity-table';

describe('score --sensitivity --format table', () => {
  const departments = parse(JULU, THREE);
  const text = sensitivityTable(JULU, analyse(JULU, departments, scoreCohort(JULU, departments)));

  it('prints the three policies side by side, the round’s own first, with the rank range', () => {
    expect(text).toMatch(/单位\s+同组区间内总分\s+排名\s+名次区间\s+同组全部值总分\s+排名\s+变动\s+按阈值总分/);
    expect(text).toMatch(/部门b\s+97\.50\s+1\s+1–2/);
  });

  it('names the unit whose removal moves a scale, the pair it flips and who sets each scale', () => {
    expect(text).toMatch(/部门c：预算调整率；1 个单位总分变化，1 对名次颠倒/);
    expect(text).toMatch(/去掉 部门c：部门b 由高于 部门a 变为低于 部门a/);
    expect(text).toMatch(/预算调整率：min 部门a 1\.91%；max 部门c 5\.72%/);
  });

  it('speaks English with --lang en: only the names of units and indicators stay Chinese', () => {
    const en = sensitivityTable(JULU, analyse(JULU, departments, scoreCohort(JULU, departments)), 'en');
    expect(en).toMatch(/Department\s+Total in-band\s+Rank\s+Rank range\s+Total all values\s+Rank\s+Move\s+Total thresholds/);
    expect(en).toMatch(/部门c: 预算调整率; 1 total changes, 1 pair flips/);
    expect(en).toMatch(/without 部门c: 部门b goes from ahead of 部门a to behind 部门a/);
    const names = ['部门a', '部门b', '部门c', '乡镇', ...Object.values(JULU.fields).map((f) => f.name)];
    const leaves = JULU.indicators.flatMap((l1) => [l1.name, ...l1.children.flatMap((l2) => [l2.name, ...('children' in l2 && l2.children ? l2.children.map((l) => l.name) : [])])]);
    const rest = [...names, ...leaves].sort((a, b) => b.length - a.length).reduce((s, n) => s.split(n).join(''), en);
    expect(rest).not.toMatch(/[\u3400-\u9fff]/);
  });
});
