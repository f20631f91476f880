import { and, desc, eq } from 'drizzle-orm';
import { departmentToJson, parseDepartment, type Department, type Problem, type System } from '@/lib/scoring';
import { getDb, type Db, type Tx } from './client';
import { selectRound, type Round } from './round-data';
import { departments, submissions, type SubmissionStatus } from './schema';
import { loadSystemVersion } from './systems';
import { lockMember, lockRound, Refusal } from './round-lock';

/**
 * One department's submission changed through the web (issue 5's form and review): every change
 * is a new version row — a save, a submit, an acceptance, a return, an adjusted judgement — so
 * who changed what and when is never overwritten. Saves are optimistic: the caller names the
 * version it started from, and a save made from an older one is refused instead of overwriting.
 */

export type ChangeResult =
  | { ok: true; version: number }
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
 * Appends a version inside one transaction that holds a share lock on the round's row (so the round
 * cannot be published or its status changed meanwhile) and an exclusive lock on this department's
 * membership row only: saves of different departments do not wait for each other. Checks the round
 * is not published and nobody saved since `baseVersion`. `next` builds the new data from the
 * current version's. No score is computed here: an open round is scored live when read.
 */
async function appendVersion(
  db: Db | Tx,
  change: Change,
  status: SubmissionStatus,
  next: (current: Record<string, unknown> | null, system: System) => { data: Record<string, unknown> } | { problems: Problem[] },
): Promise<ChangeResult> {
  try {
    return await db.transaction(async (tx: Tx) => {
      const round = await lockRound(tx, change.roundSlug, { strength: 'share', unpublished: true });
      const member = await lockMember(tx, round, change.code);
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
      // The group is the bureau's decision (round membership), never the submitter's; evaluations
      // live in their own table, never in the department's data.
      const data = { ...built.data, code: change.code, group: member.group, judgements: {} };

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
      return { ok: true, version };
    });
  } catch (e) {
    if (e instanceof Refusal) return refuse(e.message, { department: change.code });
    throw e;
  }
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
  db?: Db | Tx,
): Promise<ChangeResult> {
  const handle = db ?? (await getDb());
  return appendVersion(handle, req, req.status, (_current, system) => validated({ ...req.department, code: req.code }, system));
}

/**
 * The bureau's decision on the current version: accept it or return it with a comment. Stored as
 * a new version with the same data. (Evaluations are not part of a submission: db/evaluations.)
 */
export async function reviewSubmission(req: Change & { status: 'accepted' | 'returned' }, db?: Db | Tx): Promise<ChangeResult> {
  if (req.status === 'returned' && !req.comment?.trim()) return refuse('退回时须写明原因', { department: req.code, field: 'comment' });
  const handle = db ?? (await getDb());
  return appendVersion(handle, req, req.status, (current, system) => {
    if (!current) return { problems: [{ department: req.code, message: `单位 ${req.code} 尚无填报，无从审核` }] };
    return validated(current, system);
  });
}

/** A refused change as one line, for refusals that are not about a form field (conflict, published round). */
export function refusalText(r: Extract<ChangeResult, { ok: false }>): string {
  return r.problems.map((p) => p.message).join('；');
}

/** The row of one stored version, for the audit entry that records it. */
export async function submissionRow(db: Db | Tx, roundId: number, code: string, version: number): Promise<{ id: number; departmentId: number }> {
  const [row] = await db
    .select({ id: submissions.id, departmentId: submissions.departmentId })
    .from(submissions)
    .innerJoin(departments, eq(departments.id, submissions.departmentId))
    .where(and(eq(submissions.roundId, roundId), eq(departments.code, code), eq(submissions.version, version)));
  if (!row) throw new Error(`单位 ${code} 没有第 ${version} 版填报`);
  return row;
}
