import { asc, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { D, indexSystem, parseDecimal } from '@/lib/scoring';
import { writeAudit } from './audit';
import { getDb, type Db, type Tx } from './client';
import { selectRound } from './round-data';
import { departments, groups, roundDepartments, submissions, type SubmissionStatus } from './schema';
import { reviewAdjustments } from './schema-auth';
import { getSubmission, reviewSubmission, type StoredSubmission } from './submissions';
import { actorOf, departmentRef, lockedRoundMessage, Refusal, refusalText } from './web-change';

/**
 * The bureau's review of a department's submission: accept it, return it with a comment, or adjust
 * a judgement-indicator score with a reason. Each is a new version (db/submissions); this adds who
 * may, which status each decision applies to, the adjustment record and the audit entry, all in
 * the decision's transaction.
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
      // A locked round is the first thing to say, whatever the submission's state.
      const round = await selectRound(tx, t.slug);
      if (round?.status === 'locked') throw new Refusal(lockedRoundMessage(round));
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
 * Changes one judgement-indicator score (e.g. 履职完成情况) with a reason. The department's status
 * is kept; the new version records the old and new score, and the round gets a fresh snapshot.
 */
export function adjustJudgement(
  viewer: Viewer | null,
  t: Target & { indicator: string; score: string; reason: string },
  meta: { address?: string | null } = {},
  db?: Db,
) {
  return decide(viewer, t, db, async (tx, base, viewer) => {
    const reason = t.reason.trim();
    if (!reason) throw new Refusal('调整评分须写明理由');
    requireStatus(base, ['submitted', 'accepted'], '调整');
    const round = await selectRound(tx, t.slug);
    const system = base?.system;
    const leaf = system ? indexSystem(system).judgementLeaves.find((l) => l.leaf.code === t.indicator)?.leaf : undefined;
    if (system && !leaf) throw new Refusal(`指标 ${t.indicator} 不是评议类指标；只能调整评议类指标的得分`);
    const score = t.score.trim();
    const oldScore = leaf ? (base!.department.judgements[leaf.code]?.toFixed() ?? null) : null;
    const parsed = parseDecimal(score);
    if (oldScore !== null && parsed.ok && new D(oldScore).eq(parsed.value)) throw new Refusal(`${leaf!.name} 已是 ${oldScore} 分，无需调整`);
    const r = await reviewSubmission(
      {
        roundSlug: t.slug,
        code: t.code,
        baseVersion: t.baseVersion,
        actor: viewer.username,
        status: base?.status === 'accepted' ? 'accepted' : 'submitted',
        judgements: { [t.indicator]: score },
        comment: `调整 ${leaf?.name ?? t.indicator}：${oldScore ?? '—'} → ${score} 分。理由：${reason}`,
      },
      tx,
    );
    if (!r.ok) throw new Refusal(refusalText(r));
    const added = await getSubmission(t.slug, t.code, r.version, tx);
    const newScore = added!.department.judgements[t.indicator]!.toFixed();
    await tx.insert(reviewAdjustments).values({ submissionId: added!.id, indicator: t.indicator, before: oldScore, after: newScore, reason, createdBy: viewer.username });
    await writeAudit(tx, actorOf(viewer, meta.address), {
      action: 'review.adjust',
      round,
      department: await departmentRef(tx, t.code),
      submissionId: added!.id,
      before: { version: t.baseVersion, values: { [t.indicator]: oldScore } },
      after: { version: r.version, values: { [t.indicator]: newScore }, reason },
    });
    return { ok: true as const, version: r.version, status: added!.status };
  });
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
  return members.map((m) => {
    const c = latest.get(m.id);
    return {
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
