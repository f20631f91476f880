import { and, desc, eq } from 'drizzle-orm';
import { departmentToJson, parseDepartment, type Department, type Problem, type System } from '@/lib/scoring';
import { getDb, type Db, type Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, groups, roundDepartments, rounds, submissions, type SubmissionStatus } from './schema';
import { takeSnapshot } from './snapshot';
import { loadSystemVersion } from './systems';

/**
 * One department's submission changed through the web (issue 5's form and review): every change
 * is a new version row — a save, a submit, an acceptance, a return, an adjusted judgement — so
 * who changed what and when is never overwritten. Saves are optimistic: the caller names the
 * version it started from, and a save made from an older one is refused instead of overwriting.
 */

export type ChangeResult =
  | { ok: true; version: number; snapshotId?: number }
  | { ok: false; problems: Problem[]; conflict?: { currentVersion: number } };

export interface StoredSubmission {
  round: Round;
  system: System;
  id: number;
  version: number;
  isCurrent: boolean;
  status: SubmissionStatus;
  comment: string | null;
  createdBy: string;
  createdAt: Date;
  department: Department;
}

/** A department's submission in a round: the current version, or the one asked for. Null if none. */
export async function getSubmission(roundSlug: string, code: string, version?: number, db?: Db): Promise<StoredSubmission | null> {
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, roundSlug);
  if (!round) return null;
  const [row] = await handle
    .select({ s: submissions })
    .from(submissions)
    .innerJoin(departments, eq(departments.id, submissions.departmentId))
    .where(and(eq(submissions.roundId, round.id), eq(departments.code, code), version === undefined ? eq(submissions.isCurrent, true) : eq(submissions.version, version)));
  if (!row) return null;
  const { system } = await loadSystemVersion(handle, round.systemVersionId);
  const problems: Problem[] = [];
  const department = parseDepartment(row.s.data, 0, system, problems);
  if (!department) throw new Error(`已存储的填报数据无法通过校验：${problems[0]?.message ?? ''}`);
  const { id, isCurrent, status, comment, createdBy, createdAt } = row.s;
  return { round, system, id, version: row.s.version, isCurrent, status, comment, createdBy, createdAt, department };
}

interface Change {
  roundSlug: string;
  code: string;
  /** The version the person was looking at; null when there is none yet. */
  baseVersion: number | null;
  actor: string;
  comment?: string;
}

function refuse(message: string, extra: Partial<Problem> = {}): ChangeResult {
  return { ok: false, problems: [{ ...extra, message }] };
}

/**
 * Appends a version inside one transaction that holds the round's row lock (the same lock imports
 * take), after checking the round is open and nobody saved since `baseVersion`. `next` builds the
 * new data from the current version's.
 */
async function appendVersion(
  db: Db,
  change: Change,
  status: SubmissionStatus,
  next: (current: Record<string, unknown> | null, system: System) => { data: Record<string, unknown> } | { problems: Problem[] },
): Promise<ChangeResult> {
  return db.transaction(async (tx: Tx) => {
    const [locked] = await tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, change.roundSlug)).for('update');
    const round = locked ? await selectRound(tx, change.roundSlug) : null;
    if (!round) return refuse(`评价轮次 ${change.roundSlug} 不存在`);
    if (round.status === 'locked') return refuse(`评价轮次 ${round.slug}（${round.name}）已锁定，不能再修改填报`);
    const [member] = await tx
      .select({ departmentId: departments.id, group: groups.name })
      .from(roundDepartments)
      .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
      .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
      .where(and(eq(roundDepartments.roundId, round.id), eq(departments.code, change.code)));
    if (!member) return refuse(`单位 ${change.code} 不在评价轮次 ${round.slug} 中`, { department: change.code });
    const [current] = await tx
      .select({ version: submissions.version, data: submissions.data })
      .from(submissions)
      .where(and(eq(submissions.roundId, round.id), eq(submissions.departmentId, member.departmentId)))
      .orderBy(desc(submissions.version))
      .limit(1);
    const currentVersion = current?.version ?? null;
    if (currentVersion !== change.baseVersion) {
      return {
        ok: false,
        conflict: { currentVersion: currentVersion ?? 0 },
        problems: [{ department: change.code, message: `此填报已被他人修改（现为第 ${currentVersion ?? 0} 版，您打开的是第 ${change.baseVersion ?? 0} 版），请刷新后再改` }],
      };
    }
    const { system } = await loadSystemVersion(tx, round.systemVersionId);
    const built = next(current?.data ?? null, system);
    if ('problems' in built) return { ok: false, problems: built.problems };
    // The group is the bureau's decision (round membership), never the submitter's.
    const data = { ...built.data, code: change.code, group: member.group };

    await tx
      .update(submissions)
      .set({ isCurrent: false })
      .where(and(eq(submissions.roundId, round.id), eq(submissions.departmentId, member.departmentId), eq(submissions.isCurrent, true)));
    const version = (currentVersion ?? 0) + 1;
    await tx.insert(submissions).values({
      roundId: round.id,
      departmentId: member.departmentId,
      version,
      isCurrent: true,
      status,
      data,
      comment: change.comment ?? null,
      createdBy: change.actor,
    });
    // A draft changes no score; anything else may, so the round gets a fresh snapshot.
    if (status === 'draft') return { ok: true, version };
    const snap = await takeSnapshot(tx, round, { reason: `submission:${status}`, actor: change.actor });
    return { ok: true, version, snapshotId: snap.id };
  });
}

function validated(raw: unknown, system: System): { data: Record<string, unknown> } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const d = parseDepartment(raw, 0, system, problems);
  if (!d || problems.length) return { problems };
  return { data: departmentToJson(d) };
}

/**
 * A department saves its own form (cohort@1 department JSON) as a draft or submits it. The same
 * validation as the import; the group stays the one the bureau assigned.
 */
export async function saveSubmission(
  req: Change & { department: Record<string, unknown>; status: 'draft' | 'submitted' },
  db?: Db,
): Promise<ChangeResult> {
  const handle = db ?? (await getDb());
  return appendVersion(handle, req, req.status, (_current, system) => validated({ ...req.department, code: req.code }, system));
}

/**
 * The bureau's decision on the current version: accept it, return it with a comment, and/or
 * adjust judgement scores (with the reason in `comment`). Stored as a new version.
 */
export async function reviewSubmission(
  req: Change & { status: 'accepted' | 'returned' | 'submitted'; judgements?: Record<string, string | number> },
  db?: Db,
): Promise<ChangeResult> {
  if (req.status === 'returned' && !req.comment?.trim()) return refuse('退回时须写明原因', { department: req.code, field: 'comment' });
  if (req.judgements && Object.keys(req.judgements).length && !req.comment?.trim()) {
    return refuse('调整评价人评分时须写明理由', { department: req.code, field: 'comment' });
  }
  const handle = db ?? (await getDb());
  return appendVersion(handle, req, req.status, (current, system) => {
    if (!current) return { problems: [{ department: req.code, message: `单位 ${req.code} 尚无填报，无从审核` }] };
    const judgements = { ...(current.judgements as Record<string, unknown>), ...(req.judgements ?? {}) };
    return validated({ ...current, judgements }, system);
  });
}
