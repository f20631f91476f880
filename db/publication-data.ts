import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { indexSystem, scoresFromJson, type Department, type Scores, type System } from '@/lib/scoring';
import { loadSubmissions } from './round-data';
import type { Db, Tx } from './client';
import { rounds, scoreSnapshots } from './schema';
import { publications } from './schema-cycle';
import { loadSystemVersion } from './systems';

/** Reading publications: the list of a round, and a publication's frozen Scores. */

export interface PublicationInfo {
  number: number;
  snapshotId: number;
  publishedAt: Date;
  publishedBy: string;
  engineVersion: string | null;
  appVersion: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  departments: number;
}

const infoColumns = {
  number: publications.number,
  snapshotId: publications.snapshotId,
  publishedAt: publications.publishedAt,
  publishedBy: publications.publishedBy,
  engineVersion: scoreSnapshots.engineVersion,
  appVersion: scoreSnapshots.appVersion,
  withdrawnAt: publications.withdrawnAt,
  withdrawnBy: publications.withdrawnBy,
  withdrawReason: publications.withdrawReason,
  versions: scoreSnapshots.submissionVersions,
};

type Raw = Omit<PublicationInfo, 'departments'> & { versions: Record<string, unknown> };
const toInfo = ({ versions, ...r }: Raw): PublicationInfo => ({ ...r, departments: Object.keys(versions).length });

/** Every publication of a round, first first. */
export async function selectPublications(db: Db | Tx, roundId: number): Promise<PublicationInfo[]> {
  const rows = await db
    .select(infoColumns)
    .from(publications)
    .innerJoin(scoreSnapshots, eq(scoreSnapshots.id, publications.snapshotId))
    .where(eq(publications.roundId, roundId))
    .orderBy(asc(publications.number));
  return rows.map(toInfo);
}

// A snapshot never changes: its parsed Scores can be kept. A few rounds' worth (each can be large).
const parsed = new Map<number, { scores: Scores; system: System; departments: Department[] }>();
const PARSED_SIZE = 4;

/** The standing publication of a round (or publication `number`), with its Scores rebuilt from the snapshot. */
export async function loadPublishedScores(
  db: Db | Tx,
  roundId: number,
  number?: number,
): Promise<{ scores: Scores; system: System; departments: Department[]; publication: PublicationInfo } | null> {
  const [row] = await db
    .select({ ...infoColumns, systemVersionId: scoreSnapshots.systemVersionId })
    .from(publications)
    .innerJoin(scoreSnapshots, eq(scoreSnapshots.id, publications.snapshotId))
    .where(and(eq(publications.roundId, roundId), number === undefined ? isNull(publications.withdrawnAt) : eq(publications.number, number)))
    .orderBy(desc(publications.number))
    .limit(1);
  if (!row) return null;
  const { systemVersionId, ...info } = row;
  let hit = parsed.get(info.snapshotId);
  if (!hit) {
    const { system } = await loadSystemVersion(db, systemVersionId);
    const [snap] = await db.select({ scores: scoreSnapshots.scores, versions: scoreSnapshots.submissionVersions }).from(scoreSnapshots).where(eq(scoreSnapshots.id, info.snapshotId));
    const scores = scoresFromJson(snap!.scores, system);
    hit = { scores, system, departments: await pinnedDepartments(db, snap!.versions, scores, system) };
    parsed.set(info.snapshotId, hit);
    if (parsed.size > PARSED_SIZE) parsed.delete(parsed.keys().next().value!);
  }
  return { ...hit, publication: toInfo(info) };
}

/**
 * The data a publication scored — its exact submission versions, in the groups and with the
 * judgement scores it published — for analyses of a published round (policies side by side,
 * what-if). The published figures themselves are the snapshot's; these are never shown as them.
 */
async function pinnedDepartments(db: Db | Tx, versions: Record<string, { id: number; version: number }>, scores: Scores, system: System): Promise<Department[]> {
  const byCode = new Map(scores.departments.map((d) => [d.code, d]));
  const rows = Object.entries(versions)
    .filter(([code]) => byCode.has(code))
    .map(([code, v]) => ({ id: v.id, version: v.version, status: '', departmentId: 0, code, group: byCode.get(code)!.group }));
  const judgementLeaves = indexSystem(system).judgementLeaves.map((l) => l.leaf.code);
  return (await loadSubmissions(db, rows, system)).map((d) => {
    const published = byCode.get(d.code)!;
    const judgements: Department['judgements'] = {};
    for (const leaf of judgementLeaves) {
      const s = published.indicators[leaf];
      if (s && s.status !== 'pending') judgements[leaf] = s.score;
    }
    return { ...d, judgements };
  });
}

/**
 * Each published round's standing publication (the newest not withdrawn), as a subquery with the
 * snapshot id, round id and publication date: what history and 较上年 read, frozen.
 */
export function standingPublications(db: Db | Tx) {
  return db
    .selectDistinctOn([publications.roundId], { id: publications.snapshotId, roundId: publications.roundId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(rounds, eq(rounds.id, publications.roundId))
    .where(and(isNull(publications.withdrawnAt), eq(rounds.status, 'published')))
    .orderBy(asc(publications.roundId), desc(publications.number))
    .as('latest');
}
