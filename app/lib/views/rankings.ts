import type { RoundScores } from '@/db/queries';
import { fmtPlain, indexSystem } from '@/lib/scoring';
import { scoreRate, totalSummary } from '@/lib/stats';
import { fmtRate, fmtScore, fmtSigned } from '../format';
import { membersOf } from './round';
import { movementsOf, type Comparison } from './standing';
import type { RankingsView } from './types';

/**
 * One group's ranking. `ranges`: each department's leave-one-out rank range, shown as a bar beside
 * its rank; `comparison`: the round 较上年 compares with, for each row's movement.
 */
export function rankingsView(rs: RoundScores, group: string, ranges?: Map<string, [number, number]>, comparison: Comparison | null = null): RankingsView {
  const level1 = indexSystem(rs.system).level1;
  const members = membersOf(rs, group);
  const totals = totalSummary(members);
  const moves = movementsOf(rs, comparison);
  return {
    level1: level1.map((l) => ({ code: l.code, name: l.name, weight: fmtPlain(l.weight) })),
    grades: rs.system.grades.map((g) => g.label),
    previous: comparison?.info ?? null,
    rows: members.map((d) => ({
      code: d.code,
      name: d.name,
      rank: d.rank,
      tied: d.tied,
      range: ranges?.get(d.code) ?? null,
      total: fmtScore(d.total),
      l1: level1.map((l) => {
        const s = d.level1[l.code]!;
        return [fmtScore(s), fmtRate(scoreRate(s, l.weight))];
      }),
      self: d.selfTotal ? fmtScore(d.selfTotal) : null,
      diff: d.selfTotalDiff ? fmtSigned(d.selfTotalDiff) : null,
      ...(d.provisional ? { totalMax: fmtScore(d.totalMax!) } : {}),
      grade: d.grade,
      ...(moves ? { move: moves.get(d.code)! } : {}),
    })),
    meanText: totals ? fmtScore(totals.mean) : null,
    medianText: totals ? fmtScore(totals.median) : null,
    mean: totals ? Number(fmtScore(totals.mean)) : null,
    median: totals ? Number(fmtScore(totals.median)) : null,
  };
}
