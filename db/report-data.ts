import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { fmtPlain, type Policy } from '@/lib/scoring';
import { getDb, type Db, type Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, indicatorSystems, rounds, scoreSnapshots, snapshotResults } from './schema';
import { standingPublications } from './publication-data';
import { loadSystemVersion } from './systems';

/**
 * What the reports read besides one round's scores (issue 12): the round a ranking is compared
 * with, and a unit's figures over every round it took part in.
 */

/** A round's status whose figures are final: its standing publication's. */
const PUBLISHED = 'published';

/**
 * "Last year": the round of the nearest earlier year; among several rounds of that year, the
 * published one, then the newest. Null when the round is the first.
 */
export async function selectPreviousRound(db: Db | Tx, round: Pick<Round, 'year'>): Promise<(Round & { published: boolean }) | null> {
  const [row] = await db
    .select({ slug: rounds.slug })
    .from(rounds)
    .where(lt(rounds.year, round.year))
    .orderBy(desc(rounds.year), desc(sql`${rounds.status} = ${PUBLISHED}`), desc(rounds.id))
    .limit(1);
  const previous = row ? await selectRound(db, row.slug) : null;
  return previous ? { ...previous, published: previous.status === PUBLISHED } : null;
}

export async function getPreviousRound(round: Pick<Round, 'year'>, db?: Db) {
  return selectPreviousRound(db ?? (await getDb()), round);
}

/** One round in a unit's history, with the figures as they were frozen (or last stored). */
export interface TrendEntry {
  roundSlug: string;
  roundName: string;
  year: number;
  published: boolean;
  /** The unit's code in that round (an earlier code when the bureau linked one). */
  code: string;
  group: string;
  groupSize: number;
  rank: number;
  tied: boolean;
  total: string;
  grade: string | null;
  /** Level-1 subtotals by code, 2 decimals. */
  level1: Record<string, string>;
  /** The level-1 indicators of the round's system, for score rates and names. */
  level1Nodes: { code: string; name: string; weight: string }[];
  policy: Policy;
  systemId: string;
  systemVersion: number;
  systemName: string;
}

interface StoredDepartment {
  grade?: string;
  level1?: Record<string, string>;
}

/**
 * The figures of units `codes` (one unit's code and its earlier codes) in every published round:
 * each round's standing publication, as frozen. Oldest first. A round in progress is not history
 * (its own page adds its live figures).
 */
export async function selectTrend(db: Db | Tx, codes: string[]): Promise<TrendEntry[]> {
  if (codes.length === 0) return [];
  const latest = standingPublications(db);
  const rows = await db
    .select({
      roundSlug: rounds.slug,
      roundName: rounds.name,
      year: rounds.year,
      status: rounds.status,
      code: departments.code,
      group: snapshotResults.groupName,
      rank: snapshotResults.rank,
      tied: snapshotResults.tied,
      total: snapshotResults.total,
      policy: scoreSnapshots.policy,
      systemVersionId: scoreSnapshots.systemVersionId,
      systemId: indicatorSystems.systemId,
      systemVersion: indicatorSystems.version,
      systemName: indicatorSystems.name,
      groupSize: sql<number>`(select count(*)::int from ${snapshotResults} g where g.snapshot_id = ${latest.id} and g.group_name = ${snapshotResults.groupName})`,
      // Only this unit's entry of the stored Scores JSON, not the whole document.
      stored: sql<StoredDepartment | null>`jsonb_path_query_first(${scoreSnapshots.scores}, '$.departments[*] ? (@.code == $c)', jsonb_build_object('c', ${departments.code}::text))`,
    })
    .from(latest)
    .innerJoin(scoreSnapshots, eq(scoreSnapshots.id, latest.id))
    .innerJoin(rounds, eq(rounds.id, latest.roundId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, scoreSnapshots.systemVersionId))
    .innerJoin(snapshotResults, eq(snapshotResults.snapshotId, latest.id))
    .innerJoin(departments, eq(departments.id, snapshotResults.departmentId))
    .where(and(inArray(departments.code, codes)))
    .orderBy(asc(rounds.year), asc(rounds.slug), asc(departments.code));
  const out: TrendEntry[] = [];
  for (const r of rows) {
    // A unit and its earlier code in one round (should not happen): the unit's own code wins.
    const same = out.findIndex((e) => e.roundSlug === r.roundSlug);
    if (same >= 0) {
      if (codes.indexOf(r.code) > codes.indexOf(out[same]!.code)) continue;
      out.splice(same, 1);
    }
    const { system } = await loadSystemVersion(db, r.systemVersionId);
    out.push({
      roundSlug: r.roundSlug,
      roundName: r.roundName,
      year: r.year,
      published: r.status === PUBLISHED,
      code: r.code,
      group: r.group,
      groupSize: r.groupSize,
      rank: r.rank,
      tied: r.tied,
      total: r.total,
      grade: r.stored?.grade ?? null,
      level1: r.stored?.level1 ?? {},
      level1Nodes: system.indicators.map((n) => ({ code: n.code, name: n.name, weight: fmtPlain(n.weight) })),
      policy: r.policy as Policy,
      systemId: r.systemId,
      systemVersion: r.systemVersion,
      systemName: r.systemName,
    });
  }
  return out;
}

export async function getTrend(codes: string[], db?: Db): Promise<TrendEntry[]> {
  return selectTrend(db ?? (await getDb()), codes);
}
