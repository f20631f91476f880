import type { RoundScores } from '@/db/queries';
import type { TrendEntry } from '@/db/report-data';
import type { ExplainLocale } from '@/lib/scoring';
import { codeLineage } from '@/lib/stats/movement';
import { bulletinReport, scorecardReport, type BulletinReport, type ReportContext, type ScorecardReport } from '../views/report';
import { movementsOf, type Comparison } from '../views/standing';
import { currentEntry, trendView } from '../views/trend';
import type { TrendView } from '../views/types';

/**
 * Putting a round's documents together from what the database gives. The pages' data layer and
 * the bench hand in the same sources, so what is measured is what is served.
 */
export interface ReportSources {
  bureau: string;
  /** When the figures were published; null for a round not published. */
  publishedAt: Date | null;
  comparison: Comparison | null;
  /** code → earlier codes, as the bureau linked renamed or re-coded units. */
  earlierOf: ReadonlyMap<string, readonly string[]>;
  /** The stored figures of units `codes` (a unit's code and its earlier ones) in every round. */
  trendOf: (codes: string[]) => Promise<TrendEntry[]>;
  locale: ExplainLocale;
  now?: Date;
}

export function reportContext(rs: RoundScores, src: ReportSources): ReportContext {
  return {
    head: {
      bureau: src.bureau,
      round: { slug: rs.round.slug, name: rs.round.name, year: rs.round.year },
      system: { name: rs.system.name, id: rs.round.systemId, version: rs.round.systemVersion },
      policy: rs.scores.policy,
      publishedAt: src.publishedAt ? src.publishedAt.toISOString() : null,
      madeAt: (src.now ?? new Date()).toISOString(),
      previous: src.comparison?.info ?? null,
    },
    comparison: src.comparison,
    moves: movementsOf(rs, src.comparison),
    locale: src.locale,
  };
}

/** A unit over every round it took part in, under its code or an earlier one linked to it; this round as `rs` has it. */
export async function unitTrend(rs: RoundScores, code: string, src: Pick<ReportSources, 'earlierOf' | 'trendOf' | 'publishedAt'>): Promise<TrendView> {
  const lineage = codeLineage(code, src.earlierOf);
  const stored = (await src.trendOf(lineage)).filter((e) => e.roundSlug !== rs.round.slug);
  const own = currentEntry(rs, code, src.publishedAt !== null);
  return trendView(own ? [...stored, own] : stored);
}

/** The 评分表 of the given departments (in the order given). */
export async function scorecardReports(rs: RoundScores, codes: string[], src: ReportSources): Promise<ScorecardReport[]> {
  const ctx = reportContext(rs, src);
  const out: ScorecardReport[] = [];
  for (const code of codes) {
    const r = scorecardReport(rs, code, ctx, await unitTrend(rs, code, src));
    if (r) out.push(r);
  }
  return out;
}

export function bulletin(rs: RoundScores, src: ReportSources): BulletinReport {
  return bulletinReport(rs, reportContext(rs, src));
}
