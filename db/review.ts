import { asc, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { writeAudit } from './audit';
import { selectAssignments } from './evaluation-data';
import { publicationBlockers } from './publication';
import { getDb, type Db, type Tx } from './client';
import { selectRound } from './round-data';
import { departments, groups, roundDepartments, submissions, type SubmissionStatus } from './schema';
import { getSubmission, reviewSubmission, type StoredSubmission } from './submissions';
import { actorOf, departmentRef, publishedRoundMessage, Refusal, refusalText } from './web-change';

/**
 * The bureau's review of a department's submission: accept it or return it with a comment. Each is
 * a new version (db/submissions); this adds who may, which status each decision applies to and the
 * audit entry, all in the decision's transaction. Judgement scores are evaluations (db/evaluations).
 */

export type ReviewResult = { ok: true; version: number; status: SubmissionStatus } | { ok: false; message: string };

const DENIED: ReviewResult = { ok: false, message: '只有财政局管理员可以审核填报' };
const STATUS_ZH: Record<SubmissionStatus, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已接受' };

interface Target {
  slug: string;
  code: string;
  /** The version the review page was loaded from. */
  baseVersion: number;
}

/**
 * Runs a decision in one transaction. `base` is the version the page showed; when it is no longer
 * current, db/submissions refuses with its conflict message, so the status checks only look at a
 * current base.
 */
async function decide(
  viewer: Viewer | null,
  t: Target,
  db: Db | undefined,
  fn: (tx: Tx, base: StoredSubmission | null, viewer: Viewer) => Promise<ReviewResult>,
): Promise<ReviewResult> {
  if (!viewer || !can(viewer, 'submission:review')) return DENIED;
  const handle = db ?? (await getDb());
  try {
    return await handle.transaction(async (tx) => {
      // A published round is the first thing to say, whatever the submission's state.
      const round = await selectRound(tx, t.slug);
      if (round?.status === 'published') throw new Refusal(publishedRoundMessage(round));
      const base = await getSubmission(t.slug, t.code, t.baseVersion, tx);
      return fn(tx, base?.isCurrent ? base : null, viewer);
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
}

function requireStatus(base: StoredSubmission | null, allowed: SubmissionStatus[], what: string): void {
  if (base && !allowed.includes(base.status)) {
    throw new Refusal(`只能${what}${allowed.map((s) => `“${STATUS_ZH[s]}”`).join('或')}的填报；${base.department.name} 当前为“${STATUS_ZH[base.status]}”（第 ${base.version} 版）`);
  }
}

async function stored(tx: Tx, t: Target, version: number) {
  const s = await getSubmission(t.slug, t.code, version, tx);
  return { id: s!.id, round: s!.round };
}

/** Accepts a submitted submission: a new version with the same data and status accepted. */
export function acceptSubmission(viewer: Viewer | null, t: Target & { comment?: string }, meta: { address?: string | null } = {}, db?: Db) {
  return decideStatus(viewer, t, meta, db, { status: 'accepted', from: ['submitted'], verb: '接受', action: 'review.accept' });
}

/** Returns a submission to the department with a comment saying what to fix. */
export function returnSubmission(viewer: Viewer | null, t: Target & { comment: string }, meta: { address?: string | null } = {}, db?: Db) {
  return decideStatus(viewer, t, meta, db, {
    status: 'returned',
    from: ['submitted', 'accepted'],
    verb: '退回',
    action: 'review.return',
    commentRequired: '退回时须写明需要修改的内容',
  });
}

/** Accept and return differ only in the status they set and the statuses they may start from. */
function decideStatus(
  viewer: Viewer | null,
  t: Target & { comment?: string },
  meta: { address?: string | null },
  db: Db | undefined,
  o: {
    status: 'accepted' | 'returned';
    from: SubmissionStatus[];
    verb: string;
    action: 'review.accept' | 'review.return';
    /** The refusal when the comment is empty, for decisions that must say why. */
    commentRequired?: string;
  },
) {
  return decide(viewer, t, db, async (tx, base, viewer) => {
    const comment = t.comment?.trim() || undefined;
    if (o.commentRequired && !comment) throw new Refusal(o.commentRequired);
    requireStatus(base, o.from, o.verb);
    const r = await reviewSubmission({ roundSlug: t.slug, code: t.code, baseVersion: t.baseVersion, actor: viewer.username, status: o.status, ...(comment ? { comment } : {}) }, tx);
    if (!r.ok) throw new Refusal(refusalText(r));
    const added = await stored(tx, t, r.version);
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: o.action,
      round: added.round,
      department: await departmentRef(tx, t.code),
      submissionId: added.id,
      before: { version: t.baseVersion, status: base?.status ?? null },
      after: { version: r.version, status: o.status, comment: comment ?? null },
    });
    return { ok: true as const, version: r.version, status: o.status };
  });
}

/**
 * Accepts every submission of the round that is waiting (已提交), each as its own decision with its
 * own version and audit entry, in one transaction: a bureau of 60 units does not click 60 times.
 */
export async function acceptAllSubmitted(viewer: Viewer | null, slug: string, meta: { address?: string | null } = {}, db?: Db): Promise<{ ok: true; accepted: number } | { ok: false; message: string }> {
  if (!viewer || !can(viewer, 'submission:review')) return { ok: false, message: '只有财政局管理员可以审核填报' };
  const handle = db ?? (await getDb());
  const list = await listRoundSubmissions(viewer, slug, handle);
  if (!list) return { ok: false, message: `评价轮次 ${slug} 不存在` };
  const waiting = list.filter((r) => r.status === 'submitted' && r.version !== null);
  try {
    await handle.transaction(async (tx) => {
      for (const r of waiting) {
        const done = await acceptSubmission(viewer, { slug, code: r.code, baseVersion: r.version! }, meta, tx as unknown as Db);
        if (!done.ok) throw new Refusal(`${r.name}：${done.message}`);
      }
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
  return { ok: true, accepted: waiting.length };
}

export interface ReviewListItem {
  code: string;
  name: string;
  group: string;
  version: number | null;
  status: SubmissionStatus | null;
  comment: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
  /** Judgement leaves still to be evaluated, by name (empty: evaluated). */
  pending: string[];
  /** Usernames of the unit's reviewers; empty when the bureau evaluates it. */
  panel: string[];
}

/** Every department of a round with its current version and status, for the bureau's review list. */
export async function listRoundSubmissions(viewer: Viewer | null, slug: string, db?: Db): Promise<ReviewListItem[] | null> {
  if (!can(viewer, 'submission:review')) return null;
  const handle = db ?? (await getDb());
  const round = await selectRound(handle, slug);
  if (!round) return null;
  const members = await handle
    .select({ id: departments.id, code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, round.id))
    .orderBy(asc(groups.name), asc(departments.code));
  const current = await handle
    .select({
      departmentId: submissions.departmentId,
      version: submissions.version,
      status: submissions.status,
      comment: submissions.comment,
      createdAt: submissions.createdAt,
      createdBy: submissions.createdBy,
    })
    .from(submissions)
    .where(eq(submissions.roundId, round.id))
    .orderBy(asc(submissions.departmentId), asc(submissions.version));
  const latest = new Map<number, (typeof current)[number]>();
  for (const r of current) latest.set(r.departmentId, r);
  const blockers = new Map((await publicationBlockers(handle, round)).map((b) => [b.code, b.pending]));
  const panels = await selectAssignments(handle, round.id);
  return members.map((m) => {
    const c = latest.get(m.id);
    return {
      pending: blockers.get(m.code) ?? [],
      panel: (panels.get(m.id) ?? []).map((p) => p.username),
      code: m.code,
      name: m.name,
      group: m.group,
      version: c?.version ?? null,
      status: c?.status ?? null,
      comment: c?.comment ?? null,
      updatedAt: c?.createdAt ?? null,
      updatedBy: c?.createdBy ?? null,
    };
  });
}
