import type { Round, RoundScores } from '@/db/queries';
import type { DepartmentScore } from '@/lib/scoring';
import type { PublicationInfo } from '@/db/queries';
import type { PublicationView, RoundContext, RoundSummary } from './types';

export function roundSummary(r: Pick<Round, 'slug' | 'name' | 'year' | 'status'>): RoundSummary {
  return { slug: r.slug, name: r.name, year: r.year, status: r.status, locked: r.status === 'published' };
}

export function publicationView(p: PublicationInfo): PublicationView {
  return {
    number: p.number,
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: p.publishedBy,
    engineVersion: p.engineVersion,
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    withdrawReason: p.withdrawReason,
  };
}

/** The round's groups in the engine's output order. */
export function groupsOf(rs: RoundScores): string[] {
  return [...new Set(rs.scores.departments.map((d) => d.group))];
}

/** The group asked for in `?group=`, or the first one when it is missing or unknown. */
export function pickGroup(rs: RoundScores, requested: string | undefined): string | null {
  const groups = groupsOf(rs);
  if (requested && groups.includes(requested)) return requested;
  return groups[0] ?? null;
}

/** Departments of one group, in the engine's rank order. */
export function membersOf(rs: RoundScores, group: string): DepartmentScore[] {
  return rs.scores.departments.filter((d) => d.group === group);
}

export function roundContext(rs: RoundScores, group: string): RoundContext {
  return {
    ...roundSummary(rs.round),
    deadline: rs.round.deadline?.toISOString() ?? null,
    publication: rs.publication ? publicationView(rs.publication) : null,
    provisional: membersOf(rs, group).some((d) => d.provisional),
    showRankingToDepartments: rs.round.showRankingToDepartments,
    policy: rs.scores.policy,
    systemName: rs.system.name,
    groups: groupsOf(rs),
    group,
    groupSize: membersOf(rs, group).length,
  };
}
