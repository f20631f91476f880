import { writeAudit } from '@/db/audit';
import type { Db, Tx } from '@/db/client';
import { selectReviewList, type ReviewListItem } from '@/db/review';
import { departmentRef, selectRound } from '@/db/round-data';
import { lockRound, Refusal } from '@/db/round-lock';
import type { SubmissionStatus } from '@/db/schema';
import { getSubmission, refusalText, reviewSubmission, submissionRow, type StoredSubmission } from '@/db/submissions';
import { can, type Viewer } from '@/lib/auth/roles';
import { actorOf, handleOf, inTransaction, type Meta } from './context';

/**
 * The bureau's review of a department's submission: accept it or return it with a comment. Each is
 * a new version (db/submissions); this adds who may, which status each decision applies to and the
 * audit entry, all in the decision's transaction. Judgement scores are evaluations (./evaluation).
 */

export type { ReviewListItem };

export type ReviewResult = { ok: true; version: number; status: SubmissionStatus } | { ok: false; message: string };

const DENIED = { ok: false as const, message: '只有财政局管理员可以审核填报' };
const STATUS_ZH: Record<SubmissionStatus, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已接受' };

interface Target {
  slug: string;
  code: string;
  /** The version the review page was loaded from. */
  baseVersion: number;
}

interface Decision {
  status: 'accepted' | 'returned';
  from: SubmissionStatus[];
  verb: string;
  action: 'review.accept' | 'review.return';
  /** The refusal when the comment is empty, for decisions that must say why. */
  commentRequired?: string;
}

const ACCEPT: Decision = { status: 'accepted', from: ['submitted'], verb: '接受', action: 'review.accept' };
const RETURN: Decision = { status: 'returned', from: ['submitted', 'accepted'], verb: '退回', action: 'review.return', commentRequired: '退回时须写明需要修改的内容' };

function requireStatus(base: StoredSubmission | null, allowed: SubmissionStatus[], what: string): void {
  if (base && !allowed.includes(base.status)) {
    throw new Refusal(`只能${what}${allowed.map((s) => `“${STATUS_ZH[s]}”`).join('或')}的填报；${base.department.name} 当前为“${STATUS_ZH[base.status]}”（第 ${base.version} 版）`);
  }
}

/**
 * One decision inside the caller's transaction. `base` is the version the page showed; when it is
 * no longer current, db/submissions refuses with its conflict message, so the status checks only
 * look at a current base. A published round is the first thing to say, whatever the submission's state.
 */
async function decide(tx: Tx, viewer: Viewer, t: Target & { comment?: string }, o: Decision, meta: Meta): Promise<{ ok: true; version: number; status: SubmissionStatus }> {
  const round = await lockRound(tx, t.slug, { strength: 'share', unpublished: true });
  const found = await getSubmission(t.slug, t.code, t.baseVersion, tx);
  const base = found?.isCurrent ? found : null;
  const comment = t.comment?.trim() || undefined;
  if (o.commentRequired && !comment) throw new Refusal(o.commentRequired);
  requireStatus(base, o.from, o.verb);
  const r = await reviewSubmission({ roundSlug: t.slug, code: t.code, baseVersion: t.baseVersion, actor: viewer.username, status: o.status, ...(comment ? { comment } : {}) }, tx);
  if (!r.ok) throw new Refusal(refusalText(r));
  const added = await submissionRow(tx, round.id, t.code, r.version);
  await writeAudit(tx, actorOf(viewer, meta.address), {
    action: o.action,
    round,
    department: await departmentRef(tx, t.code),
    submissionId: added.id,
    before: { version: t.baseVersion, status: base?.status ?? null },
    after: { version: r.version, status: o.status, comment: comment ?? null },
  });
  return { ok: true, version: r.version, status: o.status };
}

/** Accepts a submitted submission: a new version with the same data and status accepted. */
export async function acceptSubmission(viewer: Viewer | null, t: Target & { comment?: string }, meta: Meta = {}, db?: Db): Promise<ReviewResult> {
  if (!viewer || !can(viewer, 'submission:review')) return DENIED;
  return inTransaction(db, (tx) => decide(tx, viewer, t, ACCEPT, meta));
}

/** Returns a submission to the department with a comment saying what to fix. */
export async function returnSubmission(viewer: Viewer | null, t: Target & { comment: string }, meta: Meta = {}, db?: Db): Promise<ReviewResult> {
  if (!viewer || !can(viewer, 'submission:review')) return DENIED;
  return inTransaction(db, (tx) => decide(tx, viewer, t, RETURN, meta));
}

/**
 * Accepts every submission of the round that is waiting (已提交), each as its own decision with its
 * own version and audit entry, in one transaction: a bureau of 60 units does not click 60 times.
 */
export async function acceptAllSubmitted(viewer: Viewer | null, slug: string, meta: Meta = {}, db?: Db): Promise<{ ok: true; accepted: number } | { ok: false; message: string }> {
  if (!viewer || !can(viewer, 'submission:review')) return DENIED;
  const list = await listRoundSubmissions(viewer, slug, db);
  if (!list) return { ok: false, message: `评价轮次 ${slug} 不存在` };
  const waiting = list.filter((r) => r.status === 'submitted' && r.version !== null);
  return inTransaction(db, async (tx) => {
    for (const r of waiting) {
      try {
        await decide(tx, viewer, { slug, code: r.code, baseVersion: r.version! }, ACCEPT, meta);
      } catch (e) {
        if (e instanceof Refusal) throw new Refusal(`${r.name}：${e.message}`);
        throw e;
      }
    }
    return { ok: true as const, accepted: waiting.length };
  });
}

/** Every department of a round with its current version and status, for the bureau's review list. */
export async function listRoundSubmissions(viewer: Viewer | null, slug: string, db?: Db): Promise<ReviewListItem[] | null> {
  if (!can(viewer, 'submission:review')) return null;
  const handle = await handleOf(db);
  const round = await selectRound(handle, slug);
  return round ? selectReviewList(handle, round) : null;
}
