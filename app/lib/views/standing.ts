import type { RoundScores } from '@/db/queries';
import type { Scores } from '@/lib/scoring';
import { movements, type Movement, type Standing } from '@/lib/stats/movement';
import { fmtSigned } from '../format';
import { membersOf } from './round';
import type { GradeCountsView, MovementView, PreviousRoundInfo } from './types';

/**
 * Grades and movement as the pages and reports show them. The figures come from the engine
 * (grades) and lib/stats/movement (changes); only the text is made here.
 */

/** The round a ranking is compared with (较上年), with its results and the bureau's code links. */
export interface Comparison {
  info: PreviousRoundInfo;
  standings: Standing[];
  /** code → earlier codes, as the bureau linked renamed or re-coded units. */
  earlierOf: ReadonlyMap<string, readonly string[]>;
}

export function standingsOf(scores: Scores): Standing[] {
  return scores.departments.map((d) => ({ code: d.code, group: d.group, rank: d.rank, total: d.total }));
}

export function movementView(m: Movement): MovementView {
  if (m.kind === 'new') return { kind: 'new' };
  return {
    kind: 'compared',
    previousCode: m.previousCode,
    previousRank: m.previousRank,
    previousGroup: m.previousGroup,
    rank: m.rankChange,
    rankArrow: m.rankArrow,
    total: fmtSigned(m.totalChange),
    totalArrow: m.totalArrow,
  };
}

/** Every department's movement against the comparison round, by code; null when there is none. */
export function movementsOf(rs: RoundScores, comparison: Comparison | null): Map<string, MovementView> | null {
  if (!comparison) return null;
  const m = movements(standingsOf(rs.scores), comparison.standings, comparison.earlierOf);
  return new Map([...m].map(([code, v]) => [code, movementView(v)]));
}

/** How many departments of each group have each grade, bands in the system's order (highest first). */
export function gradeCountsView(rs: RoundScores, groups: string[]): GradeCountsView {
  const labels = rs.system.grades.map((g) => g.label);
  return {
    labels,
    rows: groups.map((group) => {
      const members = membersOf(rs, group);
      return { group, counts: labels.map((l) => members.filter((d) => d.grade === l).length), n: members.length };
    }),
  };
}
