import type { RoundScores } from '@/db/queries';
import { fmtPlain, indexSystem, type System } from '@/lib/scoring';
import { scoreRate } from '@/lib/stats';
import { fmtRate, fmtScore } from '../format';
import { membersOf } from './round';
import type { HeatView, LeafColumn } from './types';

export function leafColumns(system: System): LeafColumn[] {
  return indexSystem(system).leaves.map(({ leaf, level1 }) => {
    const l1 = system.indicators.find((n) => n.code === level1)!;
    return { code: leaf.code, name: leaf.name, weight: fmtPlain(leaf.weight), level1, level1Name: l1.name, level1Weight: fmtPlain(l1.weight) };
  });
}

export function heatView(rs: RoundScores, group: string): HeatView {
  const leaves = leafColumns(rs.system);
  return {
    leaves,
    rows: membersOf(rs, group).map((d) => ({
      code: d.code,
      name: d.name,
      rank: d.rank,
      totalText: fmtScore(d.total),
      cells: leaves.map(({ code }) => {
        const s = d.indicators[code]!;
        return [fmtScore(s.score), fmtRate(scoreRate(s.score, s.weight))];
      }),
    })),
  };
}
