/**
 * Every read the dashboard makes: one function per question, each throwing a plain message on
 * failure. Functions take an optional handle for tests and scripts; the app uses the default.
 */
import { asc, desc, eq, and, max } from 'drizzle-orm';
import { scoreCohort, type Department, type Scores, type System } from '@/lib/scoring';
import { getDb, type Db } from './client';
import { loadPublishedScores, standingPublications, type PublicationInfo } from './publication-data';
import { countRoundMembers, loadRoundDepartments, selectRound, selectRounds, selectScoredVersions, type Round } from './round-data';
import { auditLog, departments, rounds, scoreSnapshots, snapshotResults, submissions, type SubmissionStatus } from './schema';
import { loadSystemVersion } from './systems';

export type { PublicationInfo } from './publication-data';

export type { Round } from './round-data';

async function run<T>(what: string, fn: (db: Db) => Promise<T>, db?: Db): Promise<T> {
  try {
    return await fn(db ?? (await getDb()));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${what}失败：${reason}`, { cause: e });
  }
}

export interface RoundListItem extends Round {
  departmentCount: number;
}

/** Every round, newest year first. */
export function listRounds(db?: Db): Promise<RoundListItem[]> {
  return run(
    '读取评价轮次列表',
    async (db) => {
      const [list, counts] = await Promise.all([selectRounds(db), countRoundMembers(db)]);
      return list.map((r) => ({ ...r, departmentCount: counts.get(r.id) ?? 0 }));
    },
    db,
  );
}

/** One round by slug, or null. */
export function getRound(slug: string, db?: Db): Promise<Round | null> {
  return run(`读取评价轮次 ${slug} `, (db) => selectRound(db, slug), db);
}

export interface RoundCohort {
  round: Round;
  system: System;
  /** The submission each department is scored on, parsed; ordered by code. */
  departments: Department[];
}

export function getRoundCohort(slug: string, db?: Db): Promise<RoundCohort | null> {
  return run(
    `读取评价轮次 ${slug} 的填报数据`,
    async (db) => {
      const round = await selectRound(db, slug);
      if (!round) return null;
      const { system, departments } = await loadRoundDepartments(db, round);
      return { round, system, departments };
    },
    db,
  );
}

export interface RoundScores extends RoundCohort {
  scores: Scores;
  /**
   * Set when these are a publication's frozen figures, read from its snapshot; `departments` are
   * then its pinned submissions, for analyses only.
   */
  publication?: PublicationInfo;
}

// Scoring a round of 1,000 departments takes a noticeable moment; the result only changes when a
// submission or the round's policy does, so it is kept under a key naming exactly those.
// Per database handle, so tests (or scripts) holding several databases never share entries.
const scoreCaches = new WeakMap<Db, Map<string, RoundScores>>();
const SCORE_CACHE_SIZE = 8;

/** Fresh arrays on every call, so a caller sorting its copy cannot reorder the cached one. */
function copyOf(r: RoundScores, round: Round): RoundScores {
  return { ...r, round, departments: [...r.departments], scores: { ...r.scores, departments: [...r.scores.departments] } };
}

/**
 * The round scored live by the engine from its current submissions and evaluations, under the
 * round's policy (or `policy`, for a what-if view). The dashboard shows this while a round is
 * collecting or in review; a published round's pages read `getPublishedScores` instead.
 */
export function getRoundScores(slug: string, options: { policy?: Scores['policy'] } = {}, db?: Db): Promise<RoundScores | null> {
  return run(
    `计算评价轮次 ${slug} 的得分`,
    async (db) => {
      const round = await selectRound(db, slug);
      if (!round) return null;
      const policy = options.policy ?? round.policy;
      const rows = await selectScoredVersions(db, round.id);
      // Every change that can move a score (a save, an evaluation, a reviewer, a group move, an
      // import) writes an audit entry for the round in its own transaction: the latest one's id
      // stands for all of them in the key.
      const [stamp] = await db.select({ id: max(auditLog.id) }).from(auditLog).where(eq(auditLog.roundId, round.id));
      const key = `${round.id}|${round.systemVersionId}|${policy}|${round.panelRule}|${round.spreadThreshold}|${stamp?.id ?? 0}|${rows.map((r) => `${r.id}:${r.group}`).join(',')}`;
      let cache = scoreCaches.get(db);
      if (!cache) scoreCaches.set(db, (cache = new Map()));
      const hit = cache.get(key);
      if (hit) return copyOf(hit, round);
      const { system, departments } = await loadRoundDepartments(db, round, rows);
      const scores = scoreCohort(system, departments, { policy });
      const result = { round, system, departments, scores };
      cache.set(key, result);
      if (cache.size > SCORE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return copyOf(result, round);
    },
    db,
  );
}

export interface HistoryEntry {
  roundSlug: string;
  roundName: string;
  year: number;
  group: string;
  /** Total with 2 decimals, as stored. */
  total: string;
  rank: number;
  tied: boolean;
  /** When the snapshot these figures come from was taken. */
  snapshotAt: Date;
}

/**
 * A department's total and rank in each published round, from the round's standing publication
 * (the frozen figures); oldest first. A round in progress is not history: its page shows it live.
 */
export function getDepartmentHistory(code: string, db?: Db): Promise<HistoryEntry[]> {
  return run(
    `读取部门 ${code} 的历年得分`,
    async (db) => {
      const latest = standingPublications(db);
      const rows = await db
        .select({
          roundSlug: rounds.slug,
          roundName: rounds.name,
          year: rounds.year,
          group: snapshotResults.groupName,
          total: snapshotResults.total,
          rank: snapshotResults.rank,
          tied: snapshotResults.tied,
          snapshotAt: latest.publishedAt,
        })
        .from(latest)
        .innerJoin(rounds, eq(rounds.id, latest.roundId))
        .innerJoin(snapshotResults, eq(snapshotResults.snapshotId, latest.id))
        .innerJoin(departments, eq(departments.id, snapshotResults.departmentId))
        .where(eq(departments.code, code))
        .orderBy(asc(rounds.year), asc(rounds.slug));
      return rows;
    },
    db,
  );
}

export interface SubmissionVersion {
  id: number;
  version: number;
  isCurrent: boolean;
  status: SubmissionStatus;
  comment: string | null;
  createdBy: string;
  createdAt: Date;
  importBatchId: number | null;
}

/** Every stored version of one department's submission in a round, newest first. */
export function listSubmissionVersions(roundSlug: string, code: string, db?: Db): Promise<SubmissionVersion[]> {
  return run(
    `读取部门 ${code} 在轮次 ${roundSlug} 的填报版本`,
    (db) =>
      db
        .select({
          id: submissions.id,
          version: submissions.version,
          isCurrent: submissions.isCurrent,
          status: submissions.status,
          comment: submissions.comment,
          createdBy: submissions.createdBy,
          createdAt: submissions.createdAt,
          importBatchId: submissions.importBatchId,
        })
        .from(submissions)
        .innerJoin(rounds, eq(rounds.id, submissions.roundId))
        .innerJoin(departments, eq(departments.id, submissions.departmentId))
        .where(and(eq(rounds.slug, roundSlug), eq(departments.code, code)))
        .orderBy(desc(submissions.version)),
    db,
  );
}

/**
 * A publication's frozen figures, read from its snapshot: the standing publication of a published
 * round, or — `number` given — any publication of the round, withdrawn ones included, so figures
 * once published stay retrievable. Null when there is no such publication.
 */
export function getPublishedScores(slug: string, number?: number, db?: Db): Promise<RoundScores | null> {
  return run(
    `读取评价轮次 ${slug} 的发布结果`,
    async (db) => {
      const round = await selectRound(db, slug);
      if (!round) return null;
      if (number === undefined && round.status !== 'published') return null;
      const published = await loadPublishedScores(db, round.id, number);
      if (!published) return null;
      const scores = { ...published.scores, departments: [...published.scores.departments] };
      return { round, system: published.system, departments: [...published.departments], scores, publication: published.publication };
    },
    db,
  );
}

/** Submissions scored in a round, with versions: e.g. for a "based on versions …" note. */
export function getScoredVersions(roundSlug: string, db?: Db): Promise<{ code: string; version: number; status: string }[] | null> {
  return run(
    `读取评价轮次 ${roundSlug} 的填报版本`,
    async (db) => {
      const round = await selectRound(db, roundSlug);
      if (!round) return null;
      const rows = await selectScoredVersions(db, round.id);
      return rows.map((r) => ({ code: r.code, version: r.version, status: r.status }));
    },
    db,
  );
}

/**
 * The figures a round shows, wherever it is shown (every page, the exports, `score --round`): a
 * published round's from its standing publication's snapshot — frozen, whatever the engine, the
 * system or the data do later — and any other round's scored live. `publication` asks for one
 * publication by number, withdrawn ones included. Null when there is no such round (or publication).
 */
export async function getRoundFigures(slug: string, publication?: number, db?: Db): Promise<RoundScores | null> {
  if (publication !== undefined) return getPublishedScores(slug, publication, db);
  const round = await getRound(slug, db);
  if (!round) return null;
  if (round.status !== 'published') return getRoundScores(slug, {}, db);
  const frozen = await getPublishedScores(slug, undefined, db);
  if (!frozen) throw new Error(`评价轮次 ${slug} 已发布，但找不到其发布快照`);
  return frozen;
}
