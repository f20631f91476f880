import type { RoundScores } from '@/db/queries';
import { fmtPlain, indexSystem } from '@/lib/scoring';
import { scoreRate, totalSummary } from '@/lib/stats';
import { fmtRate, fmtScore, fmtSigned } from '../format';
import { membersOf } from './round';
import type { RankingsView } from './types';

/** `ranges`: each department's leave-one-out rank range, shown as a bar beside its rank. */
export function rankingsView(rs: RoundScores, group: string, ranges?: Map<string, [number, number]>): RankingsView {
  const level1 = indexSystem(rs.system).level1;
  const members = membersOf(rs, group);
  const totals = totalSummary(members);
  return {
    level1: level1.map((l) => ({ code: l.code, name: l.name, weight: fmtPlain(l.weight) })),
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
    })),
    meanText: totals ? fmtScore(totals.mean) : null,
    medianText: totals ? fmtScore(totals.median) : null,
    mean: totals ? Number(fmtScore(totals.mean)) : null,
    median: totals ? Number(fmtScore(totals.median)) : null,
  };
}
