import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { scoresFromJson, type Scores, type System } from '@/lib/scoring';
import type { Db, Tx } from './client';
import { scoreSnapshots } from './schema';
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
const parsed = new Map<number, { scores: Scores; system: System }>();
const PARSED_SIZE = 4;

/** The standing publication of a round (or publication `number`), with its Scores rebuilt from the snapshot. */
export async function loadPublishedScores(db: Db | Tx, roundId: number, number?: number): Promise<{ scores: Scores; system: System; publication: PublicationInfo } | null> {
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
    const [snap] = await db.select({ scores: scoreSnapshots.scores }).from(scoreSnapshots).where(eq(scoreSnapshots.id, info.snapshotId));
    hit = { scores: scoresFromJson(snap!.scores, system), system };
    parsed.set(info.snapshotId, hit);
    if (parsed.size > PARSED_SIZE) parsed.delete(parsed.keys().next().value!);
  }
  return { ...hit, publication: toInfo(info) };
}
